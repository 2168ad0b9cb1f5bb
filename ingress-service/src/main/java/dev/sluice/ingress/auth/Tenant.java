package dev.sluice.ingress.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The tenant an API key authenticates: whose request it is, for budgets, limits and audit.
 *
 * @param tier the tenant's tier from configuration, or null
 */
public record Tenant(String id, @Nullable String tier) {

  public Tenant {
    Objects.requireNonNull(id, "id");
  }

  public Tenant(String id) {
    this(id, null);
  }
}
