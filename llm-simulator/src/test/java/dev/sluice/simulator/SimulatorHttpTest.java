package dev.sluice.simulator;

import static dev.sluice.simulator.SimulatorHttp.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.latency.Latency;
import dev.sluice.simulator.latency.LatencyDistribution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's HTTP surface seen raw: control endpoints, fault answers and error answers. */
class SimulatorHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/v1/chat/completions";
    private static final int CUT_OFF = -1;

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
    void baseUrlPointsAtTheBoundPortOnLoopback() {
        assertThat(simulator.port()).isPositive();
        assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port() + "/v1");
    }

    @Test
    void showsEveryRuntimeSettingWithItsDefault() throws Exception {
        JsonNode config = JSON.readTree(http.get("/sim/config").body());

        assertThat(iterable(config.fieldNames())).containsExactly("latencyMs", "latencyDistribution",
                "latencyStddevMs", "latencyP99Ms", "tokensPerSecond", "rate429", "rate500", "rateTimeout",
                "rateMalformed", "rateStreamCut", "seed", "timeoutHoldMs", "retryAfterSeconds", "reasoningTokens");
        assertThat(config.get("latencyMs").asLong()).isZero();
        assertThat(config.get("latencyDistribution").asText()).isEqualTo("fixed");
        assertThat(config.get("tokensPerSecond").asDouble()).isZero();
        assertThat(config.get("rateStreamCut").asDouble()).isZero();
        assertThat(config.get("seed").asLong()).isEqualTo(42);
        assertThat(config.get("timeoutHoldMs").asLong()).isEqualTo(30_000);
        assertThat(config.get("retryAfterSeconds").asInt()).isEqualTo(1);
        assertThat(config.get("reasoningTokens").asInt()).isZero();
    }

    @Test
    void reportsReasoningTokensOnceTheyAreSet() throws Exception {
        assertThat(http.put("/sim/config", "{\"reasoningTokens\":-1}").statusCode()).isEqualTo(400);
        assertThat(http.put("/sim/config", "{\"reasoningTokens\":12}").statusCode()).isEqualTo(200);

        assertThat(simulator.settings().reasoningTokens()).isEqualTo(12);
    }

    @Test
    void showsAndChangesTheRuntimeConfiguration() throws Exception {
        HttpResponse<String> put = http.put("/sim/config", "{\"latencyMs\":25,\"rate500\":0.5,\"seed\":7}");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode after = JSON.readTree(http.get("/sim/config").body());
        assertThat(after.get("latencyMs").asLong()).isEqualTo(25);
        assertThat(after.get("rate500").asDouble()).isEqualTo(0.5);
        assertThat(after.get("seed").asLong()).isEqualTo(7);
        assertThat(after.get("rate429").asDouble()).isZero();
        assertThat(simulator.settings().latencyMs()).isEqualTo(25);
        assertThat(simulator.settings().faultRates()).isEqualTo(new FaultRates(0, 0.5, 0, 0));
    }

    @Test
    void changesTheLatencyDistributionThePaceAndStreamCutsAtRunTime() throws Exception {
        HttpResponse<String> put = http.put("/sim/config", "{\"latencyDistribution\":\"longTail\","
                + "\"latencyMs\":200,\"latencyP99Ms\":2500,\"tokensPerSecond\":40,\"rateStreamCut\":0.25}");

        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode answered = JSON.readTree(put.body());
        assertThat(answered.get("latencyDistribution").asText()).isEqualTo("longTail");
        assertThat(answered.get("latencyP99Ms").asLong()).isEqualTo(2_500);
        assertThat(answered.get("tokensPerSecond").asDouble()).isEqualTo(40.0);
        assertThat(answered.get("rateStreamCut").asDouble()).isEqualTo(0.25);
        assertThat(simulator.settings().latency()).isEqualTo(Latency.longTail(200, 2_500));
        assertThat(simulator.settings().tokensPerSecond()).isEqualTo(40.0);
        assertThat(simulator.settings().faultRates().rateStreamCut()).isEqualTo(0.25);

        http.put("/sim/config", "{\"latencyDistribution\":\"normal\",\"latencyStddevMs\":50}");

        assertThat(simulator.settings().latency())
                .isEqualTo(new Latency(LatencyDistribution.NORMAL, 200, 50, 2_500));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"rate429\":1.5}",
            "{\"rate429\":0.6,\"rate500\":0.6}",
            "{\"latencyMs\":-1}",
            "{\"latencyMs\":\"slow\"}",
            "{\"latencyMs\":1.5}",
            "{\"retryAfterSeconds\":99999999999}",
            "{\"rateStreamCut\":-0.1}",
            "{\"rate500\":0.5,\"rateStreamCut\":0.6}",
            "{\"latencyDistribution\":\"gaussian\"}",
            "{\"latencyDistribution\":1}",
            "{\"latencyDistribution\":\"longTail\"}",
            "{\"latencyDistribution\":\"longTail\",\"latencyMs\":500,\"latencyP99Ms\":100}",
            "{\"latencyStddevMs\":-5}",
            "{\"latencyP99Ms\":3600001}",
            "{\"tokensPerSecond\":-1}",
            "{\"tokensPerSecond\":0.01}",
            "{\"tokensPerSecond\":\"fast\"}",
            "{\"noSuchSetting\":1}",
            "[1,2]",
            "{not json"})
    void refusesAnInvalidConfigurationAndKeepsTheOldOne(String body) throws Exception {
        HttpResponse<String> put = http.put("/sim/config", body);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(put.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(simulator.settings()).isEqualTo(SimulatorSettings.defaults());
    }

    @Test
    void namesTheBadSettingAndWhatWouldBeRight() throws Exception {
        JsonNode unknownDistribution = JSON.readTree(
                http.put("/sim/config", "{\"latencyDistribution\":\"gaussian\"}").body());
        JsonNode tailWithoutMedian = JSON.readTree(
                http.put("/sim/config", "{\"latencyDistribution\":\"longTail\",\"latencyP99Ms\":900}").body());

        assertThat(unknownDistribution.at("/error/message").asText())
                .contains("latencyDistribution").contains("[fixed, normal, longTail]").contains("gaussian");
        assertThat(tailWithoutMedian.at("/error/message").asText())
                .contains("longTail").contains("latencyMs").contains("at least 1");
    }

    @Test
    void rateLimitsWithRetryAfterAndAnOpenAiError() throws Exception {
        http.put("/sim/config", "{\"rate429\":1,\"retryAfterSeconds\":3}");

        HttpResponse<String> response = http.post(CHAT, chatBody("gpt-4o", "hi"));

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("3");
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(simulator.receivedCalls()).extracting(RecordedCall::fault).containsExactly(Fault.RATE_LIMIT);
    }

    @Test
    void failsWithAServerError() throws Exception {
        http.put("/sim/config", "{\"rate500\":1}");

        HttpResponse<String> response = http.post(CHAT, chatBody("gpt-4o", "hi"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void answersMalformedJsonWithStatus200() throws Exception {
        http.put("/sim/config", "{\"rateMalformed\":1}");

        HttpResponse<String> response = http.post(CHAT, chatBody("gpt-4o", "hi"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"id\":\"chatcmpl-sim-");
        assertThatThrownBy(() -> JSON.readTree(response.body())).isInstanceOf(IOException.class);
    }

    @Test
    void timesOutByHoldingTheConnectionThenClosingIt() throws Exception {
        http.put("/sim/config", "{\"rateTimeout\":1,\"timeoutHoldMs\":200}");

        assertThatThrownBy(() -> http.post(CHAT, chatBody("gpt-4o", "hi")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.receivedCalls()).extracting(RecordedCall::fault).containsExactly(Fault.TIMEOUT);
    }

    @Test
    void timesOutLongerThanAPatientClientWaits() throws Exception {
        http.put("/sim/config", "{\"rateTimeout\":1,\"timeoutHoldMs\":60000}");

        assertThatThrownBy(() -> http.post(CHAT, chatBody("gpt-4o", "hi"), Duration.ofMillis(300)))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void repeatsTheSameFaultSequenceForTheSameSeed() throws Exception {
        String config = "{\"rate429\":0.2,\"rate500\":0.2,\"rateMalformed\":0.2,\"rateStreamCut\":0.2,"
                + "\"seed\":11}";

        http.put("/sim/config", config);
        List<Integer> firstRun = statuses(40);
        http.put("/sim/config", config);
        List<Integer> secondRun = statuses(40);

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(firstRun).contains(200, 429, 500, CUT_OFF);
        assertThat(simulator.receivedCalls()).extracting(RecordedCall::fault)
                .contains(Fault.NONE, Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.MALFORMED, Fault.STREAM_CUT);
    }

    @Test
    void servesRecordedPromptsAndForgetsThem() throws Exception {
        http.post(CHAT, chatBody("gpt-4o-mini", "remember me"));

        JsonNode prompts = JSON.readTree(http.get("/sim/prompts").body());

        assertThat(prompts).hasSize(1);
        assertThat(prompts.at("/0/model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(prompts.at("/0/messages/0/role").asText()).isEqualTo("user");
        assertThat(prompts.at("/0/messages/0/content").asText()).isEqualTo("remember me");
        assertThat(prompts.at("/0/fault").asText()).isEqualTo("NONE");
        assertThat(prompts.at("/0/receivedAt").asText()).endsWith("Z");

        assertThat(http.delete("/sim/prompts").statusCode()).isEqualTo(204);
        assertThat(JSON.readTree(http.get("/sim/prompts").body())).isEmpty();
    }

    @Test
    void keepsOnlyTheMostRecentCalls() throws Exception {
        simulator.updateSettings(s -> s.withRecordLimit(3));

        for (int i = 1; i <= 5; i++) {
            http.post(CHAT, chatBody("gpt-4o", "call " + i));
        }

        assertThat(simulator.receivedCalls()).extracting(RecordedCall::lastUserContent)
                .containsExactly("call 3", "call 4", "call 5");
    }

    @Test
    void joinsTextContentParts() throws Exception {
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"part one\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:,\"}},"
                + "{\"type\":\"text\",\"text\":\"part two\"}]}]}";

        HttpResponse<String> response = http.post(CHAT, body);

        assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
                .isEqualTo("Simulated answer to: part one\npart two");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{broken",
            "{\"model\":\"gpt-4o\"}",
            "{\"model\":\"gpt-4o\",\"messages\":[]}",
            "{\"model\":\"gpt-4o\",\"messages\":\"hi\"}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"content\":\"no role\"}]}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"no model\"}]}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"stream_options\":{\"include_usage\":true}}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":1}}",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true,"
                    + "\"stream_options\":[]}",
            "[]",
            ""})
    void answersBadRequestsWithOpenAiErrorsAndKeepsServing(String body) throws Exception {
        HttpResponse<String> response = http.post(CHAT, body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("code")).isTrue();
        assertThat(error.has("param")).isTrue();
        assertThat(simulator.receivedCalls()).isEmpty();
        assertThat(http.post(CHAT, chatBody("gpt-4o", "still there?")).statusCode()).isEqualTo(200);
    }

    @Test
    void namesTheMissingParameter() throws Exception {
        HttpResponse<String> response = http.post(CHAT, "{\"model\":\"gpt-4o\"}");

        assertThat(JSON.readTree(response.body()).at("/error/param").asText()).isEqualTo("messages");
        assertThat(JSON.readTree(response.body()).at("/error/code").asText())
                .isEqualTo("missing_required_parameter");
    }

    @Test
    void answersUnknownPathsWith404AndWrongMethodsWith405() throws Exception {
        HttpResponse<String> unknown = http.get("/v1/embeddings");
        HttpResponse<String> nested = http.post(CHAT + "/extra", chatBody("gpt-4o", "hi"));
        HttpResponse<String> wrongMethod = http.get(CHAT);
        HttpResponse<String> unknownModel = http.get("/v1/models/gpt-9");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/code").asText()).isEqualTo("unknown_url");
        assertThat(nested.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("POST");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknownModel.body()).at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOT AN HTTP REQUEST AT ALL\r\n\r\n", "GET /v1/%zz HTTP/1.1\r\nHost: sim\r\n\r\n"})
    void answersGarbageOnTheWireWith400AndKeepsServing(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 400");
        }

        assertThat(http.post(CHAT, chatBody("gpt-4o", "still there?")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesBodiesBeyondTheLimit() throws Exception {
        String huge = "x".repeat(JsonEndpoint.MAX_BODY_BYTES + 1);

        HttpResponse<String> response = http.post(CHAT, huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(http.post(CHAT, chatBody("gpt-4o", "after a huge one")).statusCode()).isEqualTo(200);
    }

    @Test
    void leavesTheControlEndpointsOpenWhenAnApiKeyGuardsTheApi() throws Exception {
        simulator.updateSettings(s -> s.withApiKey(Optional.of("sk-sim")));

        assertThat(http.get("/v1/models").statusCode()).isEqualTo(401);
        assertThat(http.get("/sim/config").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesToMoveAServerThatIsRunning() {
        assertThatThrownBy(() -> simulator.updateSettings(s -> s.withPort(s.port() + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host and port");
    }

    /** The status of each call, {@link #CUT_OFF} for one whose answer broke off. */
    private List<Integer> statuses(int calls) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                statuses.add(http.post(CHAT, chatBody("gpt-4o", "call " + i)).statusCode());
            } catch (IOException e) {
                statuses.add(CUT_OFF);
            }
        }
        return statuses;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
