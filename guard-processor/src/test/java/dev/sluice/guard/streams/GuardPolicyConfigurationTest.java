package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.pii.PiiType;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.PiiAction;
import dev.sluice.guard.policy.RequestLimits;
import java.io.IOException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The policy settings as Spring binds and checks them at start-up: the service's application.yml, per-tenant
 * overrides in the relaxed forms operators write, and the messages a bad setting stops the start with.
 */
class GuardPolicyConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GuardProperties.class)
  static class PoliciesOnly {

    @Bean
    GuardPolicies guardPolicies(GuardProperties properties) {
      return new GuardConfiguration().guardPolicies(properties);
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(PoliciesOnly.class)
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
  void theShippedDefaultPolicyIsTheBuiltInOne() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      GuardPolicy policy = context.getBean(GuardPolicies.class).forTenant("anyone");
      assertThat(policy).isEqualTo(GuardProperties.BUILT_IN_POLICY);
      assertThat(policy.limits()).isEqualTo(new RequestLimits(100, 100_000, 50_000));
    });
  }

  @Test
  void aTenantOverridesSomeSettingsAndKeepsTheDefaultsForTheRest() {
    runner.withPropertyValues(
            "sluice.guard.default-policy.pii-actions.phone=allow",
            "sluice.guard.tenants.acme.block-at=MEDIUM",
            "sluice.guard.tenants.acme.pii-actions.CARD=BLOCK",
            "sluice.guard.tenants.acme.output-checks=PII_LEAK,CANARY_LEAK",
            "sluice.guard.tenants.acme.link-allow-list=docs.acme.com,cdn.acme.com",
            "sluice.guard.tenants.acme.max-message-chars=8000",
            "sluice.guard.tenants.[acme.eu].system-prompt-leak-words=20")
        .run(context -> {
          assertThat(context).hasNotFailed();
          GuardPolicies policies = context.getBean(GuardPolicies.class);
          GuardPolicy acme = policies.forTenant("acme");
          assertThat(acme.blockAt()).isEqualTo(ThreatLevel.MEDIUM);
          assertThat(acme.flagAt()).isEqualTo(ThreatLevel.LOW);
          assertThat(acme.piiActions()).containsEntry(PiiType.CARD, PiiAction.BLOCK)
              .containsEntry(PiiType.PHONE, PiiAction.ALLOW)
              .containsEntry(PiiType.EMAIL, PiiAction.MASK);
          assertThat(acme.outputChecks()).containsExactly(OutputCheck.PII_LEAK, OutputCheck.CANARY_LEAK);
          assertThat(acme.linkAllowList().hosts()).containsExactly("cdn.acme.com", "docs.acme.com");
          assertThat(acme.limits()).isEqualTo(new RequestLimits(100, 100_000, 8_000));
          assertThat(policies.forTenant("acme.eu").systemPromptLeakWords()).isEqualTo(20);
          GuardPolicy other = policies.forTenant("globex");
          assertThat(other.blockAt()).isEqualTo(ThreatLevel.HIGH);
          assertThat(other.piiActions()).containsEntry(PiiType.PHONE, PiiAction.ALLOW)
              .containsEntry(PiiType.CARD, PiiAction.MASK);
          assertThat(other.outputChecks()).isEqualTo(EnumSet.allOf(OutputCheck.class));
        });
  }

  @Test
  void aTenantCanTurnEveryOutputCheckOff() {
    runner.withPropertyValues("sluice.guard.tenants.acme.output-checks=")
        .run(context -> assertThat(context.getBean(GuardPolicies.class).forTenant("acme").outputChecks()).isEmpty());
  }

  @Test
  void thresholdsOutOfOrderStopTheStartNamingTheTenant() {
    runner.withPropertyValues("sluice.guard.tenants.acme.flag-at=CRITICAL",
            "sluice.guard.tenants.acme.block-at=MEDIUM")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("Invalid guard policy sluice.guard.tenants.acme: flag-at (CRITICAL) must not be above "
                + "block-at (MEDIUM)"));
  }

  @Test
  void anInvalidDefaultPolicyStopsTheStartNamingIt() {
    runner.withPropertyValues("sluice.guard.default-policy.max-message-chars=200000")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("Invalid guard policy sluice.guard.default-policy: max-message-chars (200000) must not be "
                + "above max-content-chars (100000)"));
  }

  @Test
  void anUnknownPiiTypeOrActionStopsTheStartNamingTheSetting() {
    runner.withPropertyValues("sluice.guard.tenants.acme.pii-actions.CARD=REDACT")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("sluice.guard.tenants.acme.pii-actions"));
    runner.withPropertyValues("sluice.guard.tenants.acme.pii-actions.PASSPORT=BLOCK")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("sluice.guard.tenants.acme.pii-actions"));
  }

  @Test
  void aMisspeltSettingStopsTheStartInsteadOfBeingIgnored() {
    runner.withPropertyValues("sluice.guard.tenants.acme.blok-at=MEDIUM")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("sluice.guard.tenants.acme.blok-at"));
  }
}
