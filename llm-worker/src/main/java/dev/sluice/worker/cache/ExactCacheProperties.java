package dev.sluice.worker.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The exact cache ({@code sluice.worker.cache.exact.*}).
 *
 * @param enabled false turns the cache off for every request
 * @param ttl how long an answer is kept: the staleness a tenant accepts from a repeated question
 * @param deterministicOnly true caches only requests that set temperature 0, whose answer a repeat would not vary;
 *     false caches every request that does not bypass the cache, sampled answers included
 */
@ConfigurationProperties(prefix = "sluice.worker.cache.exact")
public record ExactCacheProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("1h") Duration ttl,
    @DefaultValue("true") boolean deterministicOnly) {

  public ExactCacheProperties {
    if (ttl == null || ttl.toMillis() < 1) {
      throw new IllegalArgumentException("sluice.worker.cache.exact.ttl must be at least 1 ms, was " + ttl);
    }
  }
}
