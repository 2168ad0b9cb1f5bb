package dev.sluice.worker.cache;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A provider's answer as a cache keeps it, and the Completion and usage record of a hit on it.
 *
 * @param model the model that answered (as the provider reported it)
 * @param provider the provider that answered
 * @param usage what the answer counted when it was made; a hit counts nothing, this is what it saved
 */
public record CachedAnswer(String content, @Nullable String finishReason, String model, String provider,
    TokenUsage usage) {

  public CachedAnswer {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(usage, "usage");
  }

  /**
   * The Completion answering {@code request} from a cache: OK, no provider attempt, nothing billed (zero usage and
   * cost, as the usage of a Completion is what its request's calls counted).
   *
   * @param latency the time from taking the request to the hit
   * @param cache which cache answered
   */
  public Completion completion(ChatRequest request, Duration latency, Instant now, CacheOutcome cache) {
    return Completion.newBuilder()
        .setRequestId(request.getRequestId())
        .setTenantId(request.getTenantId())
        .setStatus(ResponseStatus.OK)
        .setProvider(provider)
        .setModel(model)
        .setContent(content)
        .setFinishReason(finishReason)
        .setUsage(TokenUsage.newBuilder().build())
        .setCostNanos(0)
        .setCache(cache)
        .setAttempts(0)
        .setLatencyMs(latency.toMillis())
        .setRequestCreatedAt(request.getCreatedAt())
        .setCompletedAt(now)
        .build();
  }

  /**
   * The zero-cost usage record of the hit, so cost windows count it as a cache hit. Its callId is derived from the
   * requestId and the cache, so a redelivered hit is counted once.
   */
  public UsageRecord usageRecord(ChatRequest request, Instant now, CacheOutcome cache) {
    return UsageRecord.newBuilder()
        .setCallId(request.getRequestId() + "/cache-" + cache.name().toLowerCase(Locale.ROOT))
        .setRequestId(request.getRequestId())
        .setTenantId(request.getTenantId())
        .setPurpose(UsagePurpose.COMPLETION)
        .setProvider(provider)
        .setModel(model)
        .setUsage(TokenUsage.newBuilder().build())
        .setCostNanos(0)
        .setCache(cache)
        .setOccurredAt(now)
        .build();
  }
}
