package dev.sluice.simulator;

import static dev.sluice.simulator.SimulatorHttp.chatBody;
import static dev.sluice.simulator.SimulatorHttp.streamingChatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.simulator.fault.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams and broken answers seen on the wire, below any OpenAI client. */
class StreamingHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";

    private LlmSimulator simulator;
    private SimulatorHttp http;

    @BeforeEach
    void start() {
        simulator = LlmSimulator.start(SimulatorSettings.defaults());
        http = new SimulatorHttp(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void streamsServerSentEventsInAChunkedBodyEndingWithDone() throws Exception {
        HttpResponse<String> response = http.post(CHAT, streamingChatBody("gpt-4o", "hello", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.body()).startsWith("data: {").endsWith("\n\ndata: [DONE]\n\n");
        List<String> data = dataLines(response.body());
        JsonNode usage = JSON.readTree(data.get(data.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(7);
        assertThat(simulator.receivedCalls()).extracting(RecordedCall::fault).containsExactly(Fault.NONE);
    }

    @Test
    void cutsAStreamMidwayWithoutItsFinishChunkOrDone() throws Exception {
        http.put("/sim/config", "{\"rateStreamCut\":1}");
        String body = streamingChatBody("gpt-4o", "a question long enough for many chunks", false);

        // A raw socket shows the bytes as sent, up to the close: an HTTP client may drop what it holds on error.
        String received;
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            socket.getOutputStream().write(("POST " + CHAT + " HTTP/1.1\r\nHost: sim\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            received = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(received).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("transfer-encoding: chunked")
                .contains("\"role\":\"assistant\"")
                .doesNotContain("[DONE]")
                .doesNotContain("\"finish_reason\":\"stop\"")
                .as("no terminating chunk").doesNotEndWith("\r\n0\r\n\r\n");
        assertThat(simulator.receivedCalls()).extracting(RecordedCall::fault).containsExactly(Fault.STREAM_CUT);
    }

    @Test
    void cutsAWholeAnswerMidwayToo() throws Exception {
        http.put("/sim/config", "{\"rateStreamCut\":1}");

        HttpResponse<InputStream> response = http.postForStream(CHAT, chatBody("gpt-4o", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        try (InputStream body = response.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void breaksTheFirstChunkOfAMalformedStream() throws Exception {
        http.put("/sim/config", "{\"rateMalformed\":1}");

        HttpResponse<String> response = http.post(CHAT, streamingChatBody("gpt-4o", "hello", false));

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> data = dataLines(response.body());
        assertThatThrownBy(() -> JSON.readTree(data.get(0))).isInstanceOf(IOException.class);
        assertThat(JSON.readTree(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Simu");
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    }

    @Test
    void answersAThrottledStreamWithAPlain429() throws Exception {
        http.put("/sim/config", "{\"rate429\":1,\"retryAfterSeconds\":2}");

        HttpResponse<String> response = http.post(CHAT, streamingChatBody("gpt-4o", "hello", true));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("2");
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    private static List<String> dataLines(String body) {
        return body.lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring("data: ".length())).toList();
    }
}
