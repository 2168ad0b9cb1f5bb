package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.sluice.simulator.fault.FaultRates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streamed chat completions through the real openai-java client, synchronous and asynchronous. */
class OpenAiStreamingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String QUESTION = "How do Kafka consumer groups share the partitions of a topic?";

    private LlmSimulator simulator;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        simulator = LlmSimulator.start(SimulatorSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        client = OpenAIOkHttpClient.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("unused")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void streamsTheTextOfTheWholeAnswerATokenAChunkThenTheUsage() {
        ChatCompletion whole = client.chat().completions().create(ask(QUESTION).build());

        List<ChatCompletionChunk> chunks = streamed(ask(QUESTION).streamOptions(withUsage()).build());

        String wholeText = whole.choices().get(0).message().content().orElseThrow();
        assertThat(text(chunks)).isEqualTo(wholeText);
        CompletionUsage wholeUsage = whole.usage().orElseThrow();
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        CompletionUsage usage = last.usage().orElseThrow();
        assertThat(usage.promptTokens()).isEqualTo(wholeUsage.promptTokens()).isEqualTo(20);
        assertThat(usage.completionTokens()).isEqualTo(wholeUsage.completionTokens()).isEqualTo(21);
        assertThat(usage.totalTokens()).isEqualTo(41);
        assertThat(chunks.stream().filter(chunk -> !content(chunk).isEmpty())).hasSize(21);
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(chunk -> assertThat(chunk.usage()).isEmpty());
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.id()).matches("chatcmpl-sim-[0-9a-f]{16}-2");
            assertThat(chunk.model()).isEqualTo("gpt-4o-mini");
            assertThat(chunk.created()).isEqualTo(NOW.getEpochSecond());
        });
        assertThat(chunks.get(0).choices().get(0).delta().role())
                .contains(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
    }

    @Test
    void theUsageChunkCarriesTheReasoningTokens() {
        simulator.updateSettings(settings -> settings.withReasoningTokens(30));

        List<ChatCompletionChunk> chunks = streamed(ask(QUESTION).streamOptions(withUsage()).build());

        CompletionUsage usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        // the same 21 visible tokens as without reasoning, streamed as before, and 30 reasoning tokens on top
        assertThat(chunks.stream().filter(chunk -> !content(chunk).isEmpty())).hasSize(21);
        assertThat(usage.completionTokens()).isEqualTo(51);
        assertThat(usage.completionTokensDetails().flatMap(CompletionUsage.CompletionTokensDetails::reasoningTokens))
                .contains(30L);
    }

    @Test
    void leavesTheUsageChunkOutUnlessAskedFor() {
        List<ChatCompletionChunk> chunks = streamed(ask("hello").build());

        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.usage()).isEmpty();
            assertThat(chunk.choices()).hasSize(1);
        });
        assertThat(text(chunks)).isEqualTo("Simulated answer to: hello");
    }

    @Test
    void streamsAJudgementAndStopsAtMaxTokensWithFinishReasonLength() throws Exception {
        List<ChatCompletionChunk> judged = streamed(ask("Q: 2+2? A: 4")
                .addSystemMessage("Grade it against the rubric.").build());
        List<ChatCompletionChunk> capped = streamed(ask("Tell me a long story").maxCompletionTokens(3).build());

        JsonNode rubric = new ObjectMapper().readTree(text(judged));
        assertThat(rubric.get("overall").asInt()).isBetween(1, 5);
        assertThat(text(capped)).isEqualTo("Simulated an");
        assertThat(capped.get(capped.size() - 1).choices().get(0).finishReason())
                .contains(ChatCompletionChunk.Choice.FinishReason.LENGTH);
    }

    @Test
    void streamsToTheAsyncClientAtTheConfiguredPace() throws Exception {
        simulator.updateSettings(s -> s.withTokensPerSecond(200));
        ConcurrentLinkedQueue<ChatCompletionChunk> chunks = new ConcurrentLinkedQueue<>();

        client.async().chat().completions().createStreaming(ask(QUESTION).streamOptions(withUsage()).build())
                .subscribe(chunks::add)
                .onCompleteFuture()
                .get(20, TimeUnit.SECONDS);

        assertThat(text(List.copyOf(chunks))).isEqualTo("Simulated answer to: " + QUESTION);
        assertThat(chunks).last().satisfies(last -> assertThat(last.usage()).isPresent());
    }

    @Test
    void seesAStreamCutMidwayAsAnErrorAfterAPrefixOfTheText() {
        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(0, 0, 0, 0, 1)));
        List<ChatCompletionChunk> received = new ArrayList<>();

        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                    .createStreaming(ask(QUESTION).streamOptions(withUsage()).build())) {
                stream.stream().forEach(received::add);
            }
        }).isInstanceOf(OpenAIIoException.class);

        assertThat(received).isNotEmpty();
        assertThat("Simulated answer to: " + QUESTION).startsWith(text(received)).isNotEqualTo(text(received));
        assertThat(received).allSatisfy(chunk -> {
            assertThat(chunk.usage()).isEmpty();
            assertThat(chunk.choices().get(0).finishReason()).isEmpty();
        });
    }

    @Test
    void seesAStreamCutMidwayAsAFailedFutureInTheAsyncClient() {
        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(0, 0, 0, 0, 1)).withTokensPerSecond(500));

        CompletableFuture<Void> done = client.async().chat().completions()
                .createStreaming(ask(QUESTION).build())
                .subscribe(chunk -> { })
                .onCompleteFuture();

        assertThatThrownBy(() -> done.get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(OpenAIIoException.class);
    }

    @Test
    void cutsStreamsAtTheSamePlacesForTheSameSeed() {
        SimulatorSettings halfCut = simulator.settings().withSeed(3).withFaultRates(new FaultRates(0, 0, 0, 0, 0.5));

        simulator.updateSettings(s -> halfCut);
        List<Optional<Integer>> firstRun = cutLengths(12);
        simulator.updateSettings(s -> halfCut);
        List<Optional<Integer>> secondRun = cutLengths(12);

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(firstRun).contains(Optional.empty());
        assertThat(firstRun.stream().flatMap(Optional::stream).distinct().count())
                .as("different cut points in %s", firstRun).isGreaterThan(1);
    }

    @Test
    void seesABrokenFirstChunkAsInvalidData() {
        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(0, 0, 0, 1)));

        assertThatThrownBy(() -> streamed(ask("hello").build())).isInstanceOf(OpenAIInvalidDataException.class);
    }

    @Test
    void seesAThrottledStreamAsARateLimit() {
        simulator.updateSettings(s -> s.withFaultRates(new FaultRates(1, 0, 0, 0)));

        assertThatThrownBy(() -> streamed(ask("hello").build())).isInstanceOf(RateLimitException.class);
    }

    /** For each call: how much text arrived before the cut, or empty when the stream was whole. */
    private List<Optional<Integer>> cutLengths(int calls) {
        List<Optional<Integer>> lengths = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            List<ChatCompletionChunk> received = new ArrayList<>();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                    .createStreaming(ask(QUESTION).build())) {
                stream.stream().forEach(received::add);
                lengths.add(Optional.empty());
            } catch (OpenAIIoException e) {
                lengths.add(Optional.of(text(received).length()));
            }
        }
        return lengths;
    }

    private List<ChatCompletionChunk> streamed(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            return stream.stream().toList();
        }
    }

    private static ChatCompletionCreateParams.Builder ask(String question) {
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(question);
    }

    private static ChatCompletionStreamOptions withUsage() {
        return ChatCompletionStreamOptions.builder().includeUsage(true).build();
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(content(chunk)));
        return text.toString();
    }

    private static String content(ChatCompletionChunk chunk) {
        return chunk.choices().isEmpty() ? "" : chunk.choices().get(0).delta().content().orElse("");
    }
}
