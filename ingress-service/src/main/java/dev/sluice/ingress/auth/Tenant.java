package dev.sluice.ingress.auth;

import java.util.Objects;

/** The tenant an API key authenticates: whose request it is, for budgets, limits and audit. */
public record Tenant(String id) {

  public Tenant {
    Objects.requireNonNull(id, "id");
  }
}
