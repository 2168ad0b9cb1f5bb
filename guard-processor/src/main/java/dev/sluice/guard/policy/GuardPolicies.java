package dev.sluice.guard.policy;

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
}
