package dev.sluice.guard.streams;

import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.PolicySettings;
import dev.sluice.guard.policy.RequestLimits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the guard-processor ({@code sluice.guard.*}, or {@code SLUICE_GUARD_*} in the environment). Unknown
 * settings fail the start-up, so a misspelt policy setting is not silently ignored.
 *
 * @param applicationId Kafka Streams application id, also the consumer group and the changelog prefix
 * @param stateDir local state directory of the stores; {@code ${java.io.tmpdir}/sluice-guard} when unset
 * @param streamThreads stream threads of this instance
 * @param closeTimeout how long a shutdown waits for Streams to close
 * @param dedupeRetention how long a requestId is remembered as decided or answered, and how long a system-prompt
 *     fingerprint waits for its answer
 * @param defaultPolicy the policy of every tenant, over the built-in defaults ({@link #BUILT_IN_POLICY})
 * @param tenants per-tenant settings over {@code defaultPolicy}, by tenantId
 * @param pii settings of the PII masker shared by all tenants
 * @param vault where tenants in PII mode REVERSIBLE keep their originals
 * @param semantic the semantic tier: when it runs and its thresholds, over its measured defaults
 */
@Validated
@ConfigurationProperties(prefix = "sluice.guard", ignoreUnknownFields = false)
public record GuardProperties(
    @DefaultValue("sluice-guard-processor") @NotBlank String applicationId,
    String stateDir,
    @DefaultValue("1") @Min(1) int streamThreads,
    @DefaultValue("20s") @NotNull Duration closeTimeout,
    @DefaultValue("24h") @NotNull Duration dedupeRetention,
    PolicySettings defaultPolicy,
    Map<String, PolicySettings> tenants,
    @DefaultValue PiiProperties pii,
    @DefaultValue VaultProperties vault,
    SemanticProperties semantic) {

  /** What a setting left out of {@code default-policy} falls back to; application.yml spells the same values out. */
  public static final GuardPolicy BUILT_IN_POLICY = GuardPolicy.defaults(new RequestLimits(100, 100_000, 50_000));
  private static final String DEFAULT_POLICY = "sluice.guard.default-policy";
  private static final String TENANTS = "sluice.guard.tenants.";

  public GuardProperties {
    if (stateDir == null || stateDir.isBlank()) {
      stateDir = Path.of(System.getProperty("java.io.tmpdir"), "sluice-guard").toString();
    }
    if (dedupeRetention.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("sluice.guard.dedupe-retention must be at least 1m: " + dedupeRetention);
    }
    defaultPolicy = defaultPolicy == null ? PolicySettings.none() : defaultPolicy;
    tenants = tenants == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
    pii = pii == null ? PiiProperties.defaults() : pii;
    vault = vault == null ? VaultProperties.unconfigured() : vault;
    semantic = semantic == null ? SemanticProperties.none() : semantic;
  }

  /**
   * The policies these settings describe: built-in defaults, overridden by {@code default-policy}, overridden per
   * tenant.
   *
   * @throws IllegalArgumentException naming the policy and the setting, when one is not valid, or when a policy in
   *     PII mode REVERSIBLE lacks a vault setting it needs
   */
  public GuardPolicies policies() {
    GuardPolicy fallback = resolve(DEFAULT_POLICY, defaultPolicy, BUILT_IN_POLICY);
    Map<String, GuardPolicy> byTenant = tenantPolicies(fallback);
    requireVaultFor(DEFAULT_POLICY, fallback);
    byTenant.forEach((tenantId, policy) -> requireVaultFor(TENANTS + tenantId, policy));
    return GuardPolicies.perTenant(fallback, byTenant);
  }

  /** Whether any tenant's policy is in PII mode REVERSIBLE, so the vault is needed. */
  public boolean restoresPiiForAnyTenant() {
    GuardPolicy fallback = resolve(DEFAULT_POLICY, defaultPolicy, BUILT_IN_POLICY);
    return fallback.restoresPii() || tenantPolicies(fallback).values().stream().anyMatch(GuardPolicy::restoresPii);
  }

  private Map<String, GuardPolicy> tenantPolicies(GuardPolicy fallback) {
    Map<String, GuardPolicy> byTenant = new TreeMap<>();
    tenants.forEach((tenantId, settings) -> byTenant.put(tenantId,
        resolve(TENANTS + tenantId, settings == null ? PolicySettings.none() : settings, fallback)));
    return byTenant;
  }

  private void requireVaultFor(String prefix, GuardPolicy policy) {
    if (policy.restoresPii()) {
      vault.missingFor(prefix + ".pii-mode").ifPresent(missing -> {
        throw new IllegalArgumentException(missing);
      });
    }
  }

  private static GuardPolicy resolve(String prefix, PolicySettings settings, GuardPolicy base) {
    try {
      return settings.applyTo(base);
    } catch (IllegalArgumentException e) {
      // The message says all there is: which policy, which setting, why.
      throw new IllegalArgumentException("Invalid guard policy " + prefix + ": " + e.getMessage());
    }
  }
}
