package dev.sluice.judge.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.errors.InternalServerException;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.JudgeScore;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import dev.sluice.judge.client.JudgeModelClient;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.RecordedCall;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.reply.JudgeRubric;
import dev.sluice.simulator.reply.TokenEstimate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The judge through the real openai-java client against the project's real LLM simulator. */
class ResponseJudgeSimulatorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  /** gpt-4o-mini in the shipped table: USD 0.15 per 1M input tokens, 0.60 per 1M output tokens. */
  private static final long INPUT_NANOS_PER_TOKEN = 150;
  private static final long OUTPUT_NANOS_PER_TOKEN = 600;

  private LlmSimulator simulator;
  private OpenAIClientAsync openAi;

  @BeforeEach
  void startSimulator() {
    simulator = LlmSimulator.start(SimulatorSettings.defaults());
    openAi = OpenAIOkHttpClientAsync.builder()
        .baseUrl(simulator.baseUrl())
        .apiKey("test-key")
        .timeout(Duration.ofSeconds(10))
        .maxRetries(0)
        .build();
  }

  @AfterEach
  void stopSimulator() {
    openAi.close();
    simulator.close();
  }

  @Test
  void scoresAnOkResponseWithTheRubricTheJudgeReturned() throws Exception {
    Judgement judgement = judge(400).judge(response("req-42", "Kafka is a distributed, durable log."))
        .get(10, TimeUnit.SECONDS);

    RecordedCall call = simulator.receivedCalls().get(0);
    JudgeRubric expected = JudgeRubric.forPrompt(call.messages());
    JudgeScore score = judgement.score().orElseThrow();
    assertThat(score.getRequestId()).isEqualTo("req-42");
    assertThat(score.getTenantId()).isEqualTo("acme");
    assertThat(score.getModel()).isEqualTo("gpt-4o");
    assertThat(score.getJudgeModel()).isEqualTo("gpt-4o-mini");
    assertThat(new int[] {score.getCorrectness(), score.getRelevance(), score.getHelpfulness(), score.getSafety(),
        score.getOverall()}).containsExactly(expected.correctness(), expected.relevance(), expected.helpfulness(),
        expected.safety(), expected.overall());
    assertThat(score.getReasoning()).isEqualTo(expected.reasoning());
    assertThat(score.getScoredAt()).isEqualTo(NOW);
    assertThat(judgement.invalidReason()).isEmpty();
  }

  @Test
  void recordsTheJudgeCallAsAUsageRecordPricedFromThePriceTable() throws Exception {
    Judgement judgement = judge(400).judge(response("req-43", "Partitions bound the parallelism."))
        .get(10, TimeUnit.SECONDS);

    RecordedCall call = simulator.receivedCalls().get(0);
    long input = TokenEstimate.promptTokens(call.messages());
    long output = TokenEstimate.textTokens(JudgeRubric.forPrompt(call.messages()).toJson());
    UsageRecord usage = judgement.usage();
    assertThat(UUID.fromString(usage.getCallId())).isNotNull();
    assertThat(usage.getRequestId()).isEqualTo("req-43");
    assertThat(usage.getTenantId()).isEqualTo("acme");
    assertThat(usage.getPurpose()).isEqualTo(UsagePurpose.JUDGE);
    assertThat(usage.getProvider()).isEqualTo("simulator");
    assertThat(usage.getModel()).isEqualTo("gpt-4o-mini");
    assertThat(usage.getUsage().getInputTokens()).isEqualTo(input);
    assertThat(usage.getUsage().getOutputTokens()).isEqualTo(output);
    assertThat(usage.getCostNanos()).isEqualTo(input * INPUT_NANOS_PER_TOKEN + output * OUTPUT_NANOS_PER_TOKEN);
    assertThat(usage.getOccurredAt()).isEqualTo(NOW);
  }

  @Test
  void asksWithTheRubricSystemMessageAndTheAnswerAsData() throws Exception {
    judge(400).judge(response("req-44", "An answer worth judging.")).get(10, TimeUnit.SECONDS);

    RecordedCall call = simulator.receivedCalls().get(0);
    assertThat(call.model()).isEqualTo("gpt-4o-mini");
    assertThat(call.messages()).hasSize(2);
    assertThat(call.messages().get(0).role()).isEqualTo("system");
    assertThat(call.messages().get(0).content()).contains("rubric");
    assertThat(call.messages().get(1).role()).isEqualTo("user");
    assertThat(call.messages().get(1).content()).contains("<answer>\nAn answer worth judging.\n</answer>");
  }

  @Test
  void givesEveryJudgeCallItsOwnCallId() throws Exception {
    ResponseJudge judge = judge(400);
    ChatResponse response = response("req-45", "Same answer twice.");

    String first = judge.judge(response).get(10, TimeUnit.SECONDS).usage().getCallId();
    String second = judge.judge(response).get(10, TimeUnit.SECONDS).usage().getCallId();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void aCutOffReplyIsInvalidYetStillBilled() throws Exception {
    Judgement judgement = judge(5).judge(response("req-46", "A fine answer.")).get(10, TimeUnit.SECONDS);

    assertThat(judgement.score()).isEmpty();
    assertThat(judgement.invalidReason()).hasValueSatisfying(reason -> assertThat(reason).startsWith("not a single"));
    long input = TokenEstimate.promptTokens(simulator.receivedCalls().get(0).messages());
    assertThat(judgement.usage().getUsage().getOutputTokens()).isEqualTo(5);
    assertThat(judgement.usage().getCostNanos())
        .isEqualTo(input * INPUT_NANOS_PER_TOKEN + 5 * OUTPUT_NANOS_PER_TOKEN);
  }

  @Test
  void aFailedJudgeCallFailsTheFuture() {
    simulator.updateSettings(settings -> settings.withFaultRates(new FaultRates(0, 1, 0, 0)));

    assertThatThrownBy(() -> judge(400).judge(response("req-47", "Answer.")).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InternalServerException.class);
  }

  @Test
  void refusesAJudgeModelTheTableCannotPrice() {
    JudgeModelClient unpriced = new JudgeModelClient(openAi, "gpt-unknown", 400, 16_000);

    assertThatThrownBy(() -> new ResponseJudge(unpriced, PriceTable.defaults(), "simulator", Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sluice.judge.model");
  }

  private ResponseJudge judge(long maxOutputTokens) {
    return new ResponseJudge(new JudgeModelClient(openAi, "gpt-4o-mini", maxOutputTokens, 16_000),
        PriceTable.defaults(), "simulator", Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static ChatResponse response(String requestId, String content) {
    return ChatResponse.newBuilder()
        .setRequestId(requestId)
        .setTenantId("acme")
        .setStatus(ResponseStatus.OK)
        .setContent(content)
        .setModel("gpt-4o")
        .setRespondedAt(NOW.minusSeconds(1))
        .build();
  }
}
