package dev.sluice.worker.cache;

import static dev.sluice.worker.cache.ExactCacheKeyTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CachedAnswerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T10:00:02Z");
  private static final CachedAnswer ANSWER = new CachedAnswer("Hello.", "stop", "gpt-4o-2024-08-06", "openai",
      TokenUsage.newBuilder().setInputTokens(12).setOutputTokens(3).build());

  @Test
  void aHitIsAnOkCompletionMarkedExactThatBilledNothing() {
    ChatRequest request = request();

    Completion completion = ANSWER.completion(request, Duration.ofMillis(7), NOW, CacheOutcome.EXACT);

    assertThat(completion.getRequestId()).isEqualTo("r-1");
    assertThat(completion.getTenantId()).isEqualTo("acme");
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(completion.getContent()).isEqualTo("Hello.");
    assertThat(completion.getFinishReason()).isEqualTo("stop");
    assertThat(completion.getProvider()).isEqualTo("openai");
    assertThat(completion.getModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(completion.getCache()).isEqualTo(CacheOutcome.EXACT);
    assertThat(completion.getCostNanos()).isZero();
    assertThat(completion.getUsage()).isEqualTo(TokenUsage.newBuilder().build());
    assertThat(completion.getAttempts()).isZero();
    assertThat(completion.getLatencyMs()).isEqualTo(7);
    assertThat(completion.getRequestCreatedAt()).isEqualTo(request.getCreatedAt());
    assertThat(completion.getCompletedAt()).isEqualTo(NOW);
    assertThat(completion.getError()).isNull();
  }

  @Test
  void aHitIsCountedOnceAsAZeroCostCacheHitHoweverOftenItIsDelivered() {
    UsageRecord usage = ANSWER.usageRecord(request(), NOW, CacheOutcome.EXACT);
    UsageRecord redelivered = ANSWER.usageRecord(request(), NOW.plusSeconds(5), CacheOutcome.EXACT);

    assertThat(usage.getCallId()).isEqualTo("r-1/cache-exact").isEqualTo(redelivered.getCallId());
    assertThat(usage.getPurpose()).isEqualTo(UsagePurpose.COMPLETION);
    assertThat(usage.getCache()).isEqualTo(CacheOutcome.EXACT);
    assertThat(usage.getCostNanos()).isZero();
    assertThat(usage.getUsage()).isEqualTo(TokenUsage.newBuilder().build());
    assertThat(usage.getTenantId()).isEqualTo("acme");
    assertThat(usage.getModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(usage.getProvider()).isEqualTo("openai");
    assertThat(usage.getOccurredAt()).isEqualTo(NOW);
  }
}
