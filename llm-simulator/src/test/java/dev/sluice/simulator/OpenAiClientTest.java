package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import com.openai.models.completions.CompletionUsage;
import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.reply.JudgeRubric;
import dev.sluice.simulator.reply.PromptMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator through the real openai-java client, as the llm-worker and judge-sampler will call it. */
class OpenAiClientTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private LlmSimulator simulator;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        simulator = LlmSimulator.start(SimulatorSettings.defaults().withExtraModels(List.of("sim-large")),
                Clock.fixed(NOW, ZoneOffset.UTC));
        client = clientWithKey("unused");
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void answersWithTheLastUserMessageAndEstimatedUsage() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("You are terse.")
                .addUserMessage("first question")
                .addUserMessage("What is Kafka?")
                .build());

        assertThat(completion.model()).isEqualTo("gpt-4o-mini");
        assertThat(completion.id()).startsWith("chatcmpl-sim-");
        assertThat(completion.created()).isEqualTo(NOW.getEpochSecond());
        assertThat(completion.choices()).hasSize(1);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Simulated answer to: What is Kafka?");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage usage = completion.usage().orElseThrow();
        // (4 + ceil(14/4)) + (4 + ceil(14/4)) + (4 + ceil(14/4)) = 8 + 8 + 8; "Simulated answer to: What is Kafka?" has 35 chars
        assertThat(usage.promptTokens()).isEqualTo(24);
        assertThat(usage.completionTokens()).isEqualTo(9);
        assertThat(usage.totalTokens()).isEqualTo(33);
    }

    @Test
    void reportsReasoningTokensAsAPartOfTheCompletionTokensWhenSet() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("What is Kafka?").build();
        CompletionUsage plain = client.chat().completions().create(params).usage().orElseThrow();

        simulator.updateSettings(settings -> settings.withReasoningTokens(40));
        ChatCompletion reasoned = client.chat().completions().create(params);

        // the visible answer is the same 9 tokens; 40 reasoning tokens come on top of them
        assertThat(plain.completionTokens()).isEqualTo(9);
        assertThat(plain.completionTokensDetails()).isEmpty();
        assertThat(reasoned.choices().get(0).message().content()).contains("Simulated answer to: What is Kafka?");
        CompletionUsage usage = reasoned.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(49);
        assertThat(usage.totalTokens()).isEqualTo(plain.promptTokens() + 49);
        assertThat(usage.completionTokensDetails().flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens))
                .contains(40L);
    }

    @Test
    void givesEachCallItsOwnIdButTheSamePromptTheSameHash() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("same prompt").build();

        String first = client.chat().completions().create(params).id();
        String second = client.chat().completions().create(params).id();

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(0, first.lastIndexOf('-')))
                .isEqualTo(second.substring(0, second.lastIndexOf('-')))
                .matches("chatcmpl-sim-[0-9a-f]{16}");
    }

    @Test
    void cutsTheAnswerAtMaxTokensWithFinishReasonLength() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addUserMessage("Tell me a long story about streams")
                .maxCompletionTokens(3)
                .build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).contains("Simulated an");
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void judgesWithARubricWhenJsonIsAskedFor() throws Exception {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o")
                .addSystemMessage("Score the answer.")
                .addUserMessage("Q: 2+2? A: 4")
                .responseFormat(ResponseFormatJsonObject.builder().build())
                .build());

        JsonNode rubric = new ObjectMapper().readTree(completion.choices().get(0).message().content().orElseThrow());
        for (String score : List.of("correctness", "relevance", "helpfulness", "safety", "overall")) {
            assertThat(rubric.get(score).isInt()).as(score).isTrue();
            assertThat(rubric.get(score).asInt()).as(score).isBetween(1, 5);
        }
        assertThat(rubric.get("reasoning").asText()).startsWith("Simulated judgement of prompt ");
        JudgeRubric expected = JudgeRubric.forPrompt(List.of(
                new PromptMessage("system", "Score the answer."), new PromptMessage("user", "Q: 2+2? A: 4")));
        assertThat(rubric.get("correctness").asInt()).isEqualTo(expected.correctness());
        assertThat(rubric.get("overall").asInt()).isEqualTo(expected.overall());
    }

    @Test
    void judgesWhenTheSystemMessageMentionsARubric() throws Exception {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("Grade the reply against this RUBRIC: correctness, relevance.")
                .addUserMessage("Q: capital of France? A: Paris")
                .build());

        JsonNode rubric = new ObjectMapper().readTree(completion.choices().get(0).message().content().orElseThrow());
        assertThat(rubric.get("overall").asInt()).isBetween(1, 5);
    }

    @Test
    void listsBuiltInAndConfiguredModels() {
        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).containsExactly("gpt-4o", "gpt-4o-mini", "sim-large");
        assertThat(client.models().retrieve("sim-large").ownedBy()).isEqualTo("sluice-simulator");
    }

    @Test
    void recordsWhatReachedTheModel() {
        client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addDeveloperMessage("be brief").addUserMessage("hello").build());

        assertThat(simulator.receivedCalls()).singleElement().satisfies(call -> {
            assertThat(call.model()).isEqualTo("gpt-4o");
            assertThat(call.messages()).containsExactly(
                    new PromptMessage("developer", "be brief"), new PromptMessage("user", "hello"));
            assertThat(call.receivedAt()).isEqualTo(NOW);
            assertThat(call.fault()).isEqualTo(Fault.NONE);
        });

        simulator.clearReceived();
        assertThat(simulator.receivedCalls()).isEmpty();
    }

    @Test
    void surfacesSimulatedFaultsAsTheClientsOwnExceptions() {
        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(1, 0, 0, 0)).withRetryAfterSeconds(7));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("hi").build();

        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("Retry-After")).containsExactly("7"));

        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(0, 1, 0, 0)));
        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOf(InternalServerException.class);

        // The body breaks off midway: the client cannot read the JSON it was promised.
        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(0, 0, 0, 0, 1)));
        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOf(OpenAIInvalidDataException.class)
                .hasRootCauseInstanceOf(IOException.class);
    }

    @Test
    void demandsTheConfiguredApiKey() {
        simulator.updateSettings(s -> s.withApiKey(Optional.of("sk-sim-secret")));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("hi").build();

        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOfSatisfying(UnauthorizedException.class,
                        e -> assertThat(e.code()).contains("invalid_api_key"));
        assertThat(simulator.receivedCalls()).isEmpty();

        OpenAIClient authorized = clientWithKey("sk-sim-secret");
        try {
            assertThat(authorized.chat().completions().create(params).choices().get(0).message().content())
                    .contains("Simulated answer to: hi");
        } finally {
            authorized.close();
        }
    }

    private OpenAIClient clientWithKey(String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }
}
