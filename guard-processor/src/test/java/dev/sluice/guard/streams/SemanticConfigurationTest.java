package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.semantic.SemanticMode;
import dev.sluice.guard.semantic.SemanticSettings;
import dev.sluice.guard.semantic.SemanticTier;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The semantic tier's settings as Spring binds and checks them at start-up, over the service's application.yml. */
class SemanticConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GuardProperties.class)
  static class SemanticTierOnly {

    @Bean(destroyMethod = "close")
    SemanticTier semanticTier(GuardProperties properties) {
      return new GuardConfiguration().semanticTier(properties);
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(SemanticTierOnly.class)
      .withInitializer(context -> {
        try {
          for (PropertySource<?> source : new YamlPropertySourceLoader()
              .load("application.yml", new ClassPathResource("application.yml"))) {
            context.getEnvironment().getPropertySources().addLast(source);
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });

  @Test
  void theShippedSettingsAreTheMeasuredDefaultsAndOffLoadsNoModel() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(GuardProperties.class).semantic().settings()).isEqualTo(SemanticSettings.defaults());
      assertThat(context.getBean(SemanticTier.class).detector()).isEmpty();
    });
  }

  @Test
  void settingsOverrideTheDefaultsOneByOneInTheRelaxedFormsOperatorsWrite() {
    runner.withPropertyValues("sluice.guard.semantic.mode=only-when-undecided",
            "sluice.guard.semantic.max-sentences=0", "sluice.guard.semantic.block-score=0.7")
        .run(context -> {
          SemanticSettings settings = context.getBean(GuardProperties.class).semantic().settings();
          assertThat(settings).isEqualTo(new SemanticSettings(SemanticMode.ONLY_WHEN_UNDECIDED, 0.504, 0.7, 0.3,
              1_200, 4, 0));
          assertThat(context.getBean(SemanticTier.class).detector()).hasValueSatisfying(
              detector -> assertThat(detector.mode()).isEqualTo(SemanticMode.ONLY_WHEN_UNDECIDED));
        });
  }

  @Test
  void thresholdsOutOfOrderStopTheStartNamingTheSettings() {
    runner.withPropertyValues("sluice.guard.semantic.mode=ALWAYS", "sluice.guard.semantic.flag-score=0.7",
            "sluice.guard.semantic.block-score=0.6")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("Invalid sluice.guard.semantic settings: need 0 < flag-score <= block-score <= 1, got"
                + " flag-score 0.7 and block-score 0.6"));
  }

  @Test
  void anUnboundedSegmentBudgetStopsTheStartEvenWhenOff() {
    runner.withPropertyValues("sluice.guard.semantic.max-windows=100")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("Invalid sluice.guard.semantic settings: max-windows must be within [1, 16]: 100"));
  }

  @Test
  void anUnknownModeOrSettingStopsTheStart() {
    runner.withPropertyValues("sluice.guard.semantic.mode=SOMETIMES")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("sluice.guard.semantic.mode"));
    runner.withPropertyValues("sluice.guard.semantic.max-chars=4000")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("sluice.guard.semantic.max-chars"));
  }
}
