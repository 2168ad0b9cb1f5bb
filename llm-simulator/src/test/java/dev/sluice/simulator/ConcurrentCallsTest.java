package dev.sluice.simulator;

import static dev.sluice.simulator.SimulatorHttp.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many slow calls at once: each must get its own answer, none lost or crossed. */
class ConcurrentCallsTest {

    private static final int CALLS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmSimulator simulator;

    @BeforeEach
    void start() {
        simulator = LlmSimulator.start(SimulatorSettings.defaults().withLatencyMs(200));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void answersEveryOneOfManyConcurrentSlowCallsWithItsOwnReply() throws Exception {
        SimulatorHttp http = new SimulatorHttp(simulator);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(http.postAsync("/v1/chat/completions", chatBody("gpt-4o", "request " + i)));
        }

        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        for (int i = 0; i < CALLS; i++) {
            HttpResponse<String> response = calls.get(i).join();
            assertThat(response.statusCode()).as("call %d", i).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
                    .isEqualTo("Simulated answer to: request " + i);
        }
        assertThat(simulator.receivedCalls()).hasSize(CALLS);
    }
}
