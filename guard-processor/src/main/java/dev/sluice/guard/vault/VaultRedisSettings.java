package dev.sluice.guard.vault;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the vault talks to Redis.
 *
 * @param uri where Redis is
 * @param keyPrefix the start of every key the vault writes, so it can share a Redis with other services
 * @param connectTimeout the longest opening a connection may take (in the background: no record waits for it
 *     longer than {@code commandTimeout})
 * @param commandTimeout the longest a record waits for Redis, connecting included; past it the record goes on
 *     without the vault
 * @param pauseAfterFailures after repeated failures, how long records go on without trying Redis at all
 */
public record VaultRedisSettings(RedisURI uri, String keyPrefix, Duration connectTimeout, Duration commandTimeout,
    Duration pauseAfterFailures) {

  public VaultRedisSettings {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(commandTimeout, "commandTimeout");
    Objects.requireNonNull(pauseAfterFailures, "pauseAfterFailures");
  }

  /** Where Redis is, for logs: host and port, never the password. */
  public String address() {
    return uri.getHost() != null ? uri.getHost() + ":" + uri.getPort() : "sentinel " + uri.getSentinelMasterId();
  }

  @Override
  public String toString() {
    return "VaultRedisSettings[address=" + address() + ", keyPrefix=" + keyPrefix + ", connectTimeout="
        + connectTimeout + ", commandTimeout=" + commandTimeout + ", pauseAfterFailures=" + pauseAfterFailures + "]";
  }
}
