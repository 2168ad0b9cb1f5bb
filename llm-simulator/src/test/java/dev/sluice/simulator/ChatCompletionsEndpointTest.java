package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.latency.Latency;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How chat completion calls are answered, decided without a network: latency, pace, cuts and hang-ups. */
class ChatCompletionsEndpointTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    /** The reply "Simulated answer to: Why is the sky blue?" has 41 chars: 11 tokens, so a stream of 12 parts. */
    private static final String QUESTION = "Why is the sky blue?";

    @Test
    void waitsTheLatencyDrawnForEachCallTheSameForTheSameSeed() {
        SimulatorSettings settings = SimulatorSettings.defaults().withSeed(9).withLatency(Latency.normal(300, 100));
        SimulatorState state = new SimulatorState(settings);
        ChatCompletionsEndpoint endpoint = endpoint(state);

        List<Long> delays = delays(endpoint, 20);
        state.update(current -> current);
        List<Long> again = delays(endpoint, 20);

        CallPlanner planner = new CallPlanner();
        List<Long> planned = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            planned.add(planner.next(settings).latencyMs());
        }
        assertThat(delays).isEqualTo(planned).isEqualTo(again);
        assertThat(delays.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void pacesAStreamOneTokenAPartAtTheConfiguredRate() {
        SimulatorState state = new SimulatorState(SimulatorSettings.defaults().withTokensPerSecond(40));

        DelayedAnswer answer = (DelayedAnswer) endpoint(state).serve(call(streamingBody(QUESTION)));

        PacedAnswer stream = (PacedAnswer) answer.answer();
        assertThat(stream.contentType()).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(stream.intervalNanos()).isEqualTo(25_000_000L);
        assertThat(stream.parts()).hasSize(12);
        assertThat(stream.partsToSend()).isEqualTo(12);
    }

    @Test
    void cutsAStreamWhereItsPlanSays() {
        SimulatorSettings settings = SimulatorSettings.defaults().withSeed(4)
                .withFaultRates(new FaultRates(0, 0, 0, 0, 1));
        ChatCompletionsEndpoint endpoint = endpoint(new SimulatorState(settings));
        CallPlanner planner = new CallPlanner();

        for (int i = 0; i < 10; i++) {
            PacedAnswer stream = (PacedAnswer) ((DelayedAnswer) endpoint.serve(call(streamingBody(QUESTION))))
                    .answer();
            double cutPoint = planner.next(settings).cutPoint();
            assertThat(stream.partsToSend()).isEqualTo(1 + (int) (cutPoint * 11)).isBetween(1, 11);
        }
    }

    @Test
    void hangsUpOnATimeoutWithoutWaitingTheLatencyFirst() {
        SimulatorState state = new SimulatorState(SimulatorSettings.defaults().withLatencyMs(500)
                .withTimeoutHoldMs(1_234).withFaultRates(new FaultRates(0, 0, 1, 0)));

        Answer answer = endpoint(state).serve(call(streamingBody(QUESTION)));

        assertThat(answer).isEqualTo(new HangUp(1_234));
    }

    private static List<Long> delays(ChatCompletionsEndpoint endpoint, int calls) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            delays.add(((DelayedAnswer) endpoint.serve(call("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"call " + i + "\"}]}"))).delayMs());
        }
        return delays;
    }

    private static ChatCompletionsEndpoint endpoint(SimulatorState state) {
        return new ChatCompletionsEndpoint(new ObjectMapper(), state, CLOCK);
    }

    private static String streamingBody(String question) {
        return SimulatorHttp.streamingChatBody("gpt-4o", question, false);
    }

    private static HttpCall call(String body) {
        return new HttpCall("POST", ChatCompletionsEndpoint.PATH, new DefaultHttpHeaders(),
                body.getBytes(StandardCharsets.UTF_8), false);
    }
}
