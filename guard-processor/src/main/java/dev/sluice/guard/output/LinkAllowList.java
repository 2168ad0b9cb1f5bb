package dev.sluice.guard.output;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hosts that links and images in an answer may point to with data in their URL. An entry allows the host itself
 * and every subdomain of it: {@code acme.com} allows {@code docs.acme.com}.
 */
public final class LinkAllowList {

  private static final LinkAllowList NONE = new LinkAllowList(Set.of());

  private final Set<String> hosts;

  public LinkAllowList(Collection<String> hosts) {
    TreeSet<String> normalized = new TreeSet<>();
    for (String host : hosts) {
      normalized.add(validHost(host));
    }
    this.hosts = Set.copyOf(normalized);
  }

  /** An allow-list with no host. */
  public static LinkAllowList none() {
    return NONE;
  }

  /** The hosts, lower-case, in order. */
  public Set<String> hosts() {
    return new TreeSet<>(hosts);
  }

  /** Whether {@code host} (any case, with or without a trailing dot) is listed or under a listed host. */
  public boolean allows(String host) {
    String candidate = trimDot(host.toLowerCase(Locale.ROOT));
    while (!candidate.isEmpty()) {
      if (hosts.contains(candidate)) {
        return true;
      }
      int dot = candidate.indexOf('.');
      candidate = dot < 0 ? "" : candidate.substring(dot + 1);
    }
    return false;
  }

  private static String validHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("an allowed link host must not be blank");
    }
    String normalized = trimDot(host.strip().toLowerCase(Locale.ROOT));
    if (!normalized.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      throw new IllegalArgumentException("an allowed link host must be a bare host name like docs.example.com, "
          + "without scheme, port or path: '" + host + "'");
    }
    return normalized;
  }

  private static String trimDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LinkAllowList that && hosts.equals(that.hosts);
  }

  @Override
  public int hashCode() {
    return hosts.hashCode();
  }

  @Override
  public String toString() {
    return "LinkAllowList" + hosts();
  }
}
