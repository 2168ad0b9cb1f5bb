package dev.sluice.simulator;

import static dev.sluice.simulator.SimulatorHttp.chatBody;
import static dev.sluice.simulator.SimulatorHttp.streamingChatBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many slow calls at once, as the worker's benchmark makes them: each must get its own answer, none lost or
 * crossed, and the simulator must not spend a thread on each.
 */
class ConcurrentCallsTest {

    private static final int CALLS = 2_000;
    private static final int STREAMS = 500;
    /** Generous room for the JVM's own threads; a thread per call would add thousands. */
    private static final int MAX_EXTRA_THREADS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmSimulator simulator;
    private ExecutorService clientThreads;
    private HttpClient client;

    @BeforeEach
    void start() {
        simulator = LlmSimulator.start(SimulatorSettings.defaults().withLatencyMs(500));
        // A fixed pool: the client's default pool would grow a thread per burst of answers and blur the count.
        clientThreads = Executors.newFixedThreadPool(2);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
    }

    @AfterEach
    void stop() {
        simulator.close();
        clientThreads.shutdownNow();
    }

    @Test
    void answersTwoThousandConcurrentSlowCallsEachWithItsOwnReplyOnAFewThreads() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(post(chatBody("gpt-4o", "request " + i)));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (int i = 0; i < CALLS; i++) {
            HttpResponse<String> response = calls.get(i).join();
            assertThat(response.statusCode()).as("call %d", i).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("Simulated answer to: request " + i);
        }
        assertThat(simulator.receivedCalls()).hasSize(CALLS);
        assertThat(threads.getPeakThreadCount() - threadsBefore).isLessThan(MAX_EXTRA_THREADS);
    }

    @Test
    void streamsToManyConcurrentClientsAtTheirPaceEachItsOwnText() throws Exception {
        simulator.updateSettings(s -> s.withLatencyMs(200).withTokensPerSecond(50));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();

        List<CompletableFuture<HttpResponse<String>>> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(post(streamingChatBody("gpt-4o-mini", "stream " + i, true)));
        }
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (int i = 0; i < STREAMS; i++) {
            HttpResponse<String> response = streams.get(i).join();
            assertThat(response.statusCode()).as("stream %d", i).isEqualTo(200);
            assertThat(streamedText(response.body())).as("stream %d", i).isEqualTo("Simulated answer to: stream " + i);
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
        }
        assertThat(threads.getPeakThreadCount() - threadsBefore).isLessThan(MAX_EXTRA_THREADS);
    }

    private CompletableFuture<HttpResponse<String>> post(String body) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body))
                .build(), BodyHandlers.ofString());
    }

    private static String streamedText(String body) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : body.lines().filter(line -> line.startsWith("data: {")).toList()) {
            JsonNode chunk = JSON.readTree(line.substring("data: ".length()));
            chunk.path("choices").forEach(choice -> text.append(choice.at("/delta/content").asText("")));
        }
        return text.toString();
    }
}
