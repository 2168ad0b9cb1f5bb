package dev.sluice.worker.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the worker's Redis up when it answers {@code PING}. The worker keeps answering requests while Redis is away
 * (without shared limits, redelivery records or cache), so this belongs to readiness, not liveness: a restart cannot
 * bring Redis back.
 */
public final class RedisHealthIndicator implements HealthIndicator {

  private final WorkerRedis redis;
  private final Duration timeout;

  /** @param timeout the longest the check waits for the connection and its {@code PING} */
  public RedisHealthIndicator(WorkerRedis redis, Duration timeout) {
    this.redis = redis;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    Health.Builder health;
    try {
      String reply = redis.commands().thenCompose(commands -> commands.ping()).get(timeout.toMillis(),
          TimeUnit.MILLISECONDS);
      health = "PONG".equals(reply) ? Health.up() : Health.down().withDetail("reply", String.valueOf(reply));
    } catch (ExecutionException e) {
      health = Health.down().withDetail("error", String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      health = Health.down().withDetail("error", "no answer to PING within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      health = Health.down().withDetail("error", "interrupted");
    }
    return health.withDetail("address", redis.address()).build();
  }
}
