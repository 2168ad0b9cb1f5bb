package dev.sluice.guard.policy;

import java.util.Map;
import java.util.Objects;

/** Looks up the policy that applies to a tenant. */
@FunctionalInterface
public interface GuardPolicies {

  GuardPolicy forTenant(String tenantId);

  /** The same policy for every tenant. */
  static GuardPolicies uniform(GuardPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return tenantId -> policy;
  }

  /** {@code byTenant}'s policy for the tenants it names, {@code fallback} for every other tenant. */
  static GuardPolicies perTenant(GuardPolicy fallback, Map<String, GuardPolicy> byTenant) {
    Objects.requireNonNull(fallback, "fallback");
    Map<String, GuardPolicy> policies = Map.copyOf(byTenant);
    return tenantId -> policies.getOrDefault(tenantId, fallback);
  }
}
