package dev.sluice.guard.streams;

import dev.sluice.guard.vault.EntryLifetime;
import dev.sluice.guard.vault.VaultKey;
import dev.sluice.guard.vault.VaultRedisSettings;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tenants in PII mode REVERSIBLE keep their originals ({@code sluice.guard.vault.*}, or
 * {@code SLUICE_GUARD_VAULT_*} in the environment). Unused, and not connected, while no tenant is in that mode;
 * {@code redisUri} and {@code key} are required as soon as one is.
 *
 * @param redisUri a Lettuce Redis URI, e.g. {@code redis://localhost:6379} or {@code rediss://:password@host:6380/0}
 * @param key 32 random bytes in base64 ({@code openssl rand -base64 32}); from a secret, e.g. the environment
 *     variable {@code SLUICE_GUARD_VAULT_KEY}, never from a file under version control
 * @param keyPrefix the start of every Redis key the vault writes
 * @param ttlAfterDeadline how long an entry outlives its request's deadline
 * @param maxTtl the longest an entry lives, whatever the request's deadline
 * @param connectTimeout the longest opening the connection may take
 * @param commandTimeout the longest a record waits for Redis; past it the request goes on masked, or the answer
 *     goes out with placeholders
 * @param pauseAfterFailures after repeated failures, how long records go on without trying Redis
 */
public record VaultProperties(
    String redisUri,
    String key,
    @DefaultValue("sluice:guard:pii:") String keyPrefix,
    @DefaultValue("60s") Duration ttlAfterDeadline,
    @DefaultValue("1h") Duration maxTtl,
    @DefaultValue("1s") Duration connectTimeout,
    @DefaultValue("100ms") Duration commandTimeout,
    @DefaultValue("5s") Duration pauseAfterFailures) {

  static final String REDIS_URI = "sluice.guard.vault.redis-uri";
  static final String KEY = "sluice.guard.vault.key";

  public VaultProperties {
    redisUri = redisUri == null || redisUri.isBlank() ? null : redisUri.strip();
    key = key == null || key.isBlank() ? null : key;
    if (redisUri != null) {
      try {
        RedisURI.create(redisUri);
      } catch (IllegalArgumentException e) {
        // Not the parser's message: it may quote the URI, password and all.
        throw new IllegalArgumentException(REDIS_URI + " is not a Redis URI (redis://host:port, "
            + "rediss://:password@host:port/db, redis-sentinel://…)");
      }
    }
    if (key != null) {
      try {
        VaultKey.fromBase64(key);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(KEY + " (SLUICE_GUARD_VAULT_KEY) must be " + VaultKey.LENGTH
            + " random bytes in base64, e.g. from `openssl rand -base64 32`: " + e.getMessage());
      }
    }
    if (keyPrefix == null || keyPrefix.isBlank()) {
      throw new IllegalArgumentException("sluice.guard.vault.key-prefix must not be blank");
    }
    requirePositive(ttlAfterDeadline, "sluice.guard.vault.ttl-after-deadline");
    requirePositive(maxTtl, "sluice.guard.vault.max-ttl");
    requirePositive(connectTimeout, "sluice.guard.vault.connect-timeout");
    requirePositive(commandTimeout, "sluice.guard.vault.command-timeout");
    requirePositive(pauseAfterFailures, "sluice.guard.vault.pause-after-failures");
    if (maxTtl.compareTo(ttlAfterDeadline) < 0) {
      throw new IllegalArgumentException("sluice.guard.vault.max-ttl (" + maxTtl
          + ") must not be below sluice.guard.vault.ttl-after-deadline (" + ttlAfterDeadline + ")");
    }
  }

  /** What binding no setting gives: no Redis, no key, the defaults above. */
  static VaultProperties unconfigured() {
    return new VaultProperties(null, null, "sluice:guard:pii:", Duration.ofSeconds(60), Duration.ofHours(1),
        Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(5));
  }

  /**
   * What a policy in mode REVERSIBLE needs and is not set, as the message that stops the start-up; empty when both
   * are set.
   *
   * @param modeSetting the setting that made the policy REVERSIBLE
   */
  Optional<String> missingFor(String modeSetting) {
    String needs = modeSetting + " is REVERSIBLE, which needs ";
    if (key == null) {
      return Optional.of(needs + KEY + " (SLUICE_GUARD_VAULT_KEY): " + VaultKey.LENGTH
          + " random bytes in base64, e.g. from `openssl rand -base64 32`");
    }
    if (redisUri == null) {
      return Optional.of(needs + REDIS_URI + " (SLUICE_GUARD_VAULT_REDIS_URI), e.g. redis://localhost:6379");
    }
    return Optional.empty();
  }

  /** The vault key; only call once {@link #missingFor} found nothing missing. */
  public VaultKey vaultKey() {
    return VaultKey.fromBase64(key);
  }

  /** How the vault reaches Redis; only call once {@link #missingFor} found nothing missing. */
  public VaultRedisSettings redis() {
    return new VaultRedisSettings(RedisURI.create(redisUri), keyPrefix, connectTimeout, commandTimeout,
        pauseAfterFailures);
  }

  public EntryLifetime lifetime() {
    return new EntryLifetime(ttlAfterDeadline, maxTtl);
  }

  /** Neither the key nor the Redis password. */
  @Override
  public String toString() {
    return "VaultProperties[redis=" + (redisUri == null ? "unset" : redis().address()) + ", key="
        + (key == null ? "unset" : "set") + ", keyPrefix=" + keyPrefix + ", ttlAfterDeadline=" + ttlAfterDeadline
        + ", maxTtl=" + maxTtl + ", connectTimeout=" + connectTimeout + ", commandTimeout=" + commandTimeout
        + ", pauseAfterFailures=" + pauseAfterFailures + "]";
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
    }
  }
}
