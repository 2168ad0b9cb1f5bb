package dev.sluice.guard.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.pii.PiiType;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.PiiAction;
import dev.sluice.guard.policy.PiiMode;
import dev.sluice.guard.policy.RequestLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

  /** 32 bytes in base64; a test key, never used anywhere else. */
  private static final String KEY = Base64.getEncoder().encodeToString(
      "sluice-test-vault-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII));

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

  @Test
  void aReversibleTenantWithoutAVaultKeyStopsTheStartNamingBothSettings() {
    runner.withPropertyValues("sluice.guard.tenants.acme.pii-mode=REVERSIBLE",
            "sluice.guard.vault.redis-uri=redis://localhost:6379")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("sluice.guard.tenants.acme.pii-mode is REVERSIBLE, which needs sluice.guard.vault.key "
                + "(SLUICE_GUARD_VAULT_KEY): 32 random bytes in base64, e.g. from `openssl rand -base64 32`"));
  }

  @Test
  void aReversibleDefaultPolicyWithoutRedisStopsTheStartNamingBothSettings() {
    runner.withPropertyValues("sluice.guard.default-policy.pii-mode=reversible", "sluice.guard.vault.key=" + KEY)
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessage("sluice.guard.default-policy.pii-mode is REVERSIBLE, which needs "
                + "sluice.guard.vault.redis-uri (SLUICE_GUARD_VAULT_REDIS_URI), e.g. redis://localhost:6379"));
  }

  @Test
  void aVaultKeyOfTheWrongLengthStopsTheStartWithoutQuotingIt() {
    String sixteenBytes = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    runner.withPropertyValues("sluice.guard.vault.key=" + sixteenBytes)
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("sluice.guard.vault.key (SLUICE_GUARD_VAULT_KEY) must be 32 random bytes")
            .hasMessageEndingWith("the vault key decodes to 16 bytes; it needs 32")
            .message().doesNotContain(sixteenBytes));
  }

  @Test
  void aRedisUriThatIsNoneStopsTheStartWithoutQuotingIt() {
    runner.withPropertyValues("sluice.guard.vault.redis-uri=http://:hunter2@cache:6379")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("sluice.guard.vault.redis-uri is not a Redis URI")
            .message().doesNotContain("hunter2"));
  }

  @Test
  void aReversibleTenantWithKeyAndRedisStartsAndOnlyThatTenantRestores() {
    runner.withPropertyValues("sluice.guard.tenants.acme.pii-mode=REVERSIBLE",
            "sluice.guard.vault.redis-uri=redis://:hunter2@cache.internal:6379", "sluice.guard.vault.key=" + KEY)
        .run(context -> {
          assertThat(context).hasNotFailed();
          GuardPolicies policies = context.getBean(GuardPolicies.class);
          assertThat(policies.forTenant("acme").piiMode()).isEqualTo(PiiMode.REVERSIBLE);
          assertThat(policies.forTenant("globex").piiMode()).isEqualTo(PiiMode.MASK);
          GuardProperties properties = context.getBean(GuardProperties.class);
          assertThat(properties.restoresPiiForAnyTenant()).isTrue();
          assertThat(properties.toString()).contains("cache.internal:6379").doesNotContain("hunter2", KEY);
        });
  }

  @Test
  void withoutVaultOrPiiSettingsTheShippedDefaultsApplyAndNoTenantRestores() {
    runner.run(context -> {
      GuardProperties properties = context.getBean(GuardProperties.class);
      assertThat(properties.vault()).isEqualTo(VaultProperties.unconfigured());
      assertThat(properties.pii()).isEqualTo(PiiProperties.defaults());
      assertThat(properties.restoresPiiForAnyTenant()).isFalse();
      assertThat(context.getBean(GuardPolicies.class).forTenant("anyone").piiMode()).isEqualTo(PiiMode.MASK);
    });
  }

  @Test
  void phoneRegionsBindInOrder() {
    runner.withPropertyValues("sluice.guard.pii.phone-regions=gb,US,de")
        .run(context -> assertThat(context.getBean(GuardProperties.class).pii().regions().codes())
            .containsExactly("GB", "US", "DE"));
  }

  @Test
  void anUnknownPhoneRegionStopsTheStartNamingTheSetting() {
    runner.withPropertyValues("sluice.guard.pii.phone-regions=US,UK")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("sluice.guard.pii.phone-regions: unknown phone region 'UK'"));
  }
}
