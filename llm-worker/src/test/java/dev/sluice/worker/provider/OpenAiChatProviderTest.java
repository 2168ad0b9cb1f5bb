package dev.sluice.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.simulator.LlmSimulator;
import dev.sluice.simulator.SimulatorSettings;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.worker.Requests;
import dev.sluice.worker.pricing.CallPricer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real openai-java client against the real simulator over HTTP. */
class OpenAiChatProviderTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String KEY = "sk-test";

  private LlmSimulator simulator;
  private OpenAiChatProvider provider;

  @BeforeEach
  void start() {
    simulator = LlmSimulator.start(SimulatorSettings.defaults().withApiKey(Optional.of(KEY)));
    provider = connect(simulator.baseUrl(), KEY);
  }

  @AfterEach
  void stop() {
    provider.close();
    simulator.close();
  }

  @Test
  void answersWithTheContentAndTheUsageTheProviderReported() throws Exception {
    CallResult result = call(request("What is Kafka?"));

    assertThat(result).isInstanceOf(CallResult.Answered.class);
    CallResult.Answered answer = (CallResult.Answered) result;
    assertThat(answer.content()).isEqualTo("Simulated answer to: What is Kafka?");
    assertThat(answer.finishReason()).isEqualTo("stop");
    assertThat(answer.model()).isEqualTo("gpt-4o");
    // "Be brief." = 4 + 3 tokens, "What is Kafka?" = 4 + 4; the 35-char answer = 9
    assertThat(answer.usage().getInputTokens()).isEqualTo(15);
    assertThat(answer.usage().getOutputTokens()).isEqualTo(9);
    assertThat(answer.usage().getCachedInputTokens()).isZero();
    assertThat(simulator.receivedCalls()).singleElement()
        .satisfies(received -> assertThat(received.lastUserContent()).isEqualTo("What is Kafka?"));
  }

  @Test
  void reasoningTokensTheProviderReportsArePricedAtTheReasoningRate(@TempDir Path dir) throws Exception {
    simulator.updateSettings(settings -> settings.withReasoningTokens(40));
    Path table = dir.resolve("prices.properties");
    Files.writeString(table, "simulator.gpt-4o.input=2.50\nsimulator.gpt-4o.output=10\n"
        + "simulator.gpt-4o.reasoning=5\n");

    CallResult.Answered answer = (CallResult.Answered) call(request("What is Kafka?"));

    // the same 9 visible tokens as without reasoning, and 40 reasoning tokens counted in the output as OpenAI does
    assertThat(answer.usage().getOutputTokens()).isEqualTo(49);
    assertThat(answer.usage().getReasoningTokens()).isEqualTo(40);
    // 15 input * 2,500 + 9 output * 10,000 + 40 reasoning * 5,000 = 327,500 nanos; as plain output: 527,500
    assertThat(new CallPricer(PriceTable.load(Optional.of(table)))
        .costNanos("simulator", "gpt-4o", answer.model(), answer.usage())).isEqualTo(327_500L);
    assertThat(new CallPricer(PriceTable.defaults())
        .costNanos("simulator", "gpt-4o", answer.model(), answer.usage())).isEqualTo(527_500L);
  }

  @Test
  void passesTheTokenLimitOn() throws Exception {
    ChatRequest request = request("Tell me everything about distributed logs, please, at length.");
    request.setParams(ChatParams.newBuilder().setMaxTokens(3).build());

    CallResult.Answered answer = (CallResult.Answered) call(request);

    assertThat(answer.finishReason()).isEqualTo("length");
    assertThat(answer.usage().getOutputTokens()).isEqualTo(3);
  }

  @Test
  void aRejectedKeyIsANonRetryableFailureWithTheProvidersReason() throws Exception {
    provider.close();
    provider = connect(simulator.baseUrl(), "sk-wrong");

    CallResult.Failed failed = (CallResult.Failed) call(request("Hi"));

    assertThat(failed.code()).isEqualTo("unauthorized");
    assertThat(failed.message()).contains("HTTP 401", "invalid_api_key", "Incorrect API key provided.");
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.timedOut()).isFalse();
  }

  @Test
  void anUnknownEndpointIsANonRetryableNotFound() throws Exception {
    provider.close();
    provider = connect(simulator.rootUrl() + "/nowhere", KEY);

    CallResult.Failed failed = (CallResult.Failed) call(request("Hi"));

    assertThat(failed.code()).isEqualTo("not_found");
    assertThat(failed.message()).contains("HTTP 404", "Unknown request URL");
    assertThat(failed.retryable()).isFalse();
  }

  @Test
  void aServerErrorIsRetryable() throws Exception {
    simulator.updateSettings(settings -> settings.withFaultRates(new FaultRates(0, 1, 0, 0)));

    CallResult.Failed failed = (CallResult.Failed) call(request("Hi"));

    assertThat(failed.code()).isEqualTo("provider_server_error");
    assertThat(failed.retryable()).isTrue();
    assertThat(simulator.receivedCalls()).as("the SDK must not retry on its own").hasSize(1);
  }

  @Test
  void aThrottledCallIsRetryable() throws Exception {
    simulator.updateSettings(settings -> settings.withFaultRates(new FaultRates(1, 0, 0, 0)));

    CallResult.Failed failed = (CallResult.Failed) call(request("Hi"));

    assertThat(failed.code()).isEqualTo("rate_limited");
    assertThat(failed.retryable()).isTrue();
    assertThat(simulator.receivedCalls()).hasSize(1);
  }

  @Test
  void aCallThatOutlivesItsTimeoutFailsAsTimedOut() throws Exception {
    simulator.updateSettings(settings -> settings.withLatencyMs(5_000));

    CallResult result = provider.complete(request("Hi"), "gpt-4o", Duration.ofMillis(300)).get(10, TimeUnit.SECONDS);

    CallResult.Failed failed = (CallResult.Failed) result;
    assertThat(failed.code()).isEqualTo("provider_timeout");
    assertThat(failed.timedOut()).isTrue();
    assertThat(failed.retryable()).isTrue();
  }

  @Test
  void aCutOffAnswerIsAnUnreadableResponse() throws Exception {
    simulator.updateSettings(settings -> settings.withFaultRates(new FaultRates(0, 0, 0, 1)));

    CallResult.Failed failed = (CallResult.Failed) call(request("Hi"));

    assertThat(failed.code()).isEqualTo("invalid_provider_response");
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.message()).contains("simulator");
  }

  private CallResult call(ChatRequest request) throws Exception {
    return provider.complete(request, request.getModel(), TIMEOUT).get(20, TimeUnit.SECONDS);
  }

  private static ChatRequest request(String question) {
    return Requests.chat("r-" + question.hashCode(), "gpt-4o", question, Instant.now().plusSeconds(60));
  }

  private static OpenAiChatProvider connect(String baseUrl, String apiKey) {
    return OpenAiChatProvider.connect("simulator", baseUrl, apiKey, 16, Duration.ofSeconds(2));
  }
}
