package dev.sluice.worker.completion;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds the records the worker publishes for a request. */
final class Outcomes {

  private Outcomes() {
  }

  /**
   * The provider answered; {@code calls} are every billed call made for the request, the answering one last, whose
   * provider and model the Completion names.
   *
   * @param route how the request was routed and every fallback taken on the way
   */
  static WorkerOutcome answered(ChatRequest request, String content, String finishReason, List<BilledCall> calls,
      int attempts, Duration latency, String route, Instant now) {
    BilledCall last = calls.get(calls.size() - 1);
    Completion completion = base(request, ResponseStatus.OK, last.provider(), last.model(), route, calls, attempts,
        latency, now)
        .setContent(content)
        .setFinishReason(finishReason)
        .build();
    return new WorkerOutcome(completion, usageRecords(request, calls));
  }

  /**
   * No answer; calls billed on the way (answers that could not be used) are still published and charged.
   *
   * @param provider the provider tried last, or {@code none}
   * @param model the model tried last, or the one asked for when none was tried
   * @param route how the request was routed and every fallback taken, or null when it never got a route
   */
  static WorkerOutcome unanswered(ChatRequest request, ResponseStatus status, String provider, String model,
      @Nullable String route, ErrorInfo error, List<BilledCall> calls, int attempts, Duration latency, Instant now) {
    Completion completion = base(request, status, provider, model, route, calls, attempts, latency, now)
        .setError(error)
        .build();
    return new WorkerOutcome(completion, usageRecords(request, calls));
  }

  private static Completion.Builder base(ChatRequest request, ResponseStatus status, String provider, String model,
      @Nullable String route, List<BilledCall> calls, int attempts, Duration latency, Instant now) {
    return Completion.newBuilder()
        .setRequestId(request.getRequestId())
        .setTenantId(request.getTenantId())
        .setStatus(status)
        .setProvider(provider)
        .setModel(model)
        .setUsage(totalUsage(calls))
        .setCostNanos(calls.stream().mapToLong(BilledCall::costNanos).sum())
        .setCache(CacheOutcome.NONE)
        .setAttempts(attempts)
        .setLatencyMs(latency.toMillis())
        .setRequestCreatedAt(request.getCreatedAt())
        .setCompletedAt(now)
        .setRoute(route);
  }

  private static TokenUsage totalUsage(List<BilledCall> calls) {
    TokenUsage.Builder total = TokenUsage.newBuilder();
    for (BilledCall call : calls) {
      TokenUsage usage = call.usage();
      total.setInputTokens(total.getInputTokens() + usage.getInputTokens())
          .setOutputTokens(total.getOutputTokens() + usage.getOutputTokens())
          .setCachedInputTokens(total.getCachedInputTokens() + usage.getCachedInputTokens())
          .setReasoningTokens(total.getReasoningTokens() + usage.getReasoningTokens());
    }
    return total.build();
  }

  private static List<UsageRecord> usageRecords(ChatRequest request, List<BilledCall> calls) {
    return calls.stream()
        .map(call -> UsageRecord.newBuilder()
            .setCallId(call.callId())
            .setRequestId(request.getRequestId())
            .setTenantId(request.getTenantId())
            .setPurpose(UsagePurpose.COMPLETION)
            .setProvider(call.provider())
            .setModel(call.model())
            .setUsage(call.usage())
            .setCostNanos(call.costNanos())
            .setCache(CacheOutcome.NONE)
            .setOccurredAt(call.occurredAt())
            .build())
        .toList();
  }
}
