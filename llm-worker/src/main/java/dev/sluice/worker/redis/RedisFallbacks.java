package dev.sluice.worker.redis;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the times a request went on without Redis (it was unreachable, slow or failed), by what it was used for, and
 * logs them: a warning at most every {@link #WARN_EVERY} per use, so an outage does not flood the log.
 */
public final class RedisFallbacks {

  public static final String METER = "sluice.worker.redis.fallbacks";
  static final Duration WARN_EVERY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(RedisFallbacks.class);

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lastWarnedNanos = new ConcurrentHashMap<>();

  public RedisFallbacks(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param use what Redis was wanted for, a fixed word: {@code limits}, {@code redelivery} or {@code cache}
   * @param consequence what the request does instead, for the log
   */
  public void record(String use, String consequence, Throwable error) {
    Counter.builder(METER)
        .description("Times a request went on without Redis because it was unreachable, slow or failed")
        .tag("use", use)
        .register(registry)
        .increment();
    AtomicLong last = lastWarnedNanos.computeIfAbsent(use,
        u -> new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos()));
    long now = System.nanoTime();
    long previous = last.get();
    if (now - previous >= WARN_EVERY.toNanos() && last.compareAndSet(previous, now)) {
      log.warn("Redis failed for {} ({}); {} (further failures within {} s are logged at debug)", use,
          String.valueOf(error.getMessage()), consequence, WARN_EVERY.toSeconds());
    } else {
      log.debug("Redis failed for {}; {}", use, consequence, error);
    }
  }
}
