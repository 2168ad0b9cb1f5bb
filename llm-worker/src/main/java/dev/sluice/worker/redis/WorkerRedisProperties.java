package dev.sluice.worker.redis;

import io.lettuce.core.RedisURI;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's Redis ({@code sluice.worker.redis.*}, or {@code SLUICE_WORKER_REDIS_*} in the environment), which holds
 * the provider limits shared by all replicas, the redelivery records and the exact cache.
 *
 * @param uri a Lettuce Redis URI, e.g. {@code redis://localhost:6379} or {@code rediss://:password@host:6380/0}
 * @param connectTimeout the longest opening the connection may take
 * @param commandTimeout the longest one command may take; past it the worker goes on without Redis for that request
 * @param reconnectAfter after the connection could not be opened, how long requests go on without Redis before it is
 *     tried again (once open, the client reconnects by itself)
 * @param keyPrefix the start of every key the worker writes, so it can share a Redis with other services
 */
@Validated
@ConfigurationProperties(prefix = "sluice.worker.redis")
public record WorkerRedisProperties(
    @DefaultValue("redis://localhost:6379") @NotBlank String uri,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("500ms") Duration commandTimeout,
    @DefaultValue("1s") Duration reconnectAfter,
    @DefaultValue("sluice:worker:") @NotBlank String keyPrefix) {

  public WorkerRedisProperties {
    requirePositive(connectTimeout, "sluice.worker.redis.connect-timeout");
    requirePositive(commandTimeout, "sluice.worker.redis.command-timeout");
    requirePositive(reconnectAfter, "sluice.worker.redis.reconnect-after");
    if (uri != null && !uri.isBlank()) {
      try {
        RedisURI.create(uri);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sluice.worker.redis.uri is not a Redis URI: " + e.getMessage());
      }
    }
  }

  /** The URI as Lettuce takes it; its timeout (used while a connection is set up) is the command timeout. */
  public RedisURI redisUri() {
    RedisURI parsed = RedisURI.create(uri);
    parsed.setTimeout(commandTimeout);
    return parsed;
  }

  @Override
  public String toString() {
    RedisURI parsed = RedisURI.create(uri);
    return "WorkerRedisProperties[host=" + parsed.getHost() + ", port=" + parsed.getPort() + ", keyPrefix="
        + keyPrefix + "]";
  }

  private static void requirePositive(Duration value, String setting) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(setting + " must be a positive duration, was " + value);
    }
  }
}
