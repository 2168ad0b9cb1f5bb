package dev.sluice.worker.completion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.TokenUsage;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import dev.sluice.worker.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");
  private final ChatRequest request = Requests.chat("r-1", "gpt-4o", "Hi", NOW.plusSeconds(30));

  @Test
  void anAnswerCarriesTheModelUsedAndOneUsageRecordPerBilledCall() {
    BilledCall retried = call("c-1", 10, 0, 100L);
    BilledCall answering = call("c-2", 12, 5, 250L);

    WorkerOutcome outcome = Outcomes.answered(request, "Hello", "stop", List.of(retried, answering), 2,
        Duration.ofMillis(840), "strong -> simulator:gpt-4o", NOW);

    Completion completion = outcome.completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(completion.getRequestId()).isEqualTo("r-1");
    assertThat(completion.getTenantId()).isEqualTo("acme");
    assertThat(completion.getProvider()).isEqualTo("simulator");
    assertThat(completion.getModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(completion.getContent()).isEqualTo("Hello");
    assertThat(completion.getFinishReason()).isEqualTo("stop");
    assertThat(completion.getError()).isNull();
    assertThat(completion.getCostNanos()).as("every billed call is charged").isEqualTo(350L);
    assertThat(completion.getUsage().getInputTokens()).isEqualTo(22);
    assertThat(completion.getUsage().getOutputTokens()).isEqualTo(5);
    assertThat(completion.getCache()).isEqualTo(CacheOutcome.NONE);
    assertThat(completion.getAttempts()).isEqualTo(2);
    assertThat(completion.getLatencyMs()).isEqualTo(840);
    assertThat(completion.getRequestCreatedAt()).isEqualTo(request.getCreatedAt());
    assertThat(completion.getCompletedAt()).isEqualTo(NOW);
    assertThat(completion.getRoute()).isEqualTo("strong -> simulator:gpt-4o");

    assertThat(outcome.usage()).extracting(UsageRecord::getCallId).containsExactly("c-1", "c-2");
    UsageRecord usage = outcome.usage().get(1);
    assertThat(usage.getRequestId()).isEqualTo("r-1");
    assertThat(usage.getTenantId()).isEqualTo("acme");
    assertThat(usage.getPurpose()).isEqualTo(UsagePurpose.COMPLETION);
    assertThat(usage.getModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(usage.getCostNanos()).isEqualTo(250L);
    assertThat(usage.getOccurredAt()).isEqualTo(NOW);
  }

  @Test
  void noAnswerWithoutACallCostsNothingAndReportsWhy() {
    WorkerOutcome outcome = Outcomes.unanswered(request, ResponseStatus.TIMEOUT, "none", "gpt-4o", null,
        new ErrorInfo("deadline_exceeded", "too late"), List.of(), 0, Duration.ZERO, NOW);

    Completion completion = outcome.completion();
    assertThat(completion.getStatus()).isEqualTo(ResponseStatus.TIMEOUT);
    assertThat(completion.getModel()).as("the model asked for").isEqualTo("gpt-4o");
    assertThat(completion.getProvider()).isEqualTo("none");
    assertThat(completion.getRoute()).isNull();
    assertThat(completion.getError().getCode()).isEqualTo("deadline_exceeded");
    assertThat(completion.getContent()).isNull();
    assertThat(completion.getCostNanos()).isZero();
    assertThat(completion.getAttempts()).isZero();
    assertThat(outcome.usage()).isEmpty();
  }

  private static BilledCall call(String callId, long input, long output, long cost) {
    return new BilledCall(callId, "simulator", "gpt-4o-2024-08-06",
        TokenUsage.newBuilder().setInputTokens(input).setOutputTokens(output).build(), cost, NOW);
  }
}
