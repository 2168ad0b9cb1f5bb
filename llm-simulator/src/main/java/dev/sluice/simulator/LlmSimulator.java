package dev.sluice.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.simulator.latency.Latency;
import dev.sluice.simulator.reply.JudgeRubric;
import dev.sluice.simulator.reply.SimulatedReply;
import dev.sluice.simulator.reply.TokenEstimate;
import dev.sluice.simulator.stream.CompletionStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A running OpenAI-compatible LLM simulator: a real HTTP server on {@link #baseUrl()}.
 *
 * <p>Endpoints (errors are always OpenAI-shaped: {@code {"error":{"message","type","code","param"}}}):
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: chat completions. The reply is {@link SimulatedReply}:
 *       {@code "Simulated answer to: "} plus the last user message cut to 200 code points, or in judge mode (a
 *       system or developer message mentions "rubric", or {@code response_format.type} is
 *       {@code json_object}/{@code json_schema}) the {@link JudgeRubric} JSON; {@code max_completion_tokens}/
 *       {@code max_tokens} cut it with finish reason {@code length}. Usage follows {@link TokenEstimate}: prompt
 *       = sum of (4 + ceil(chars/4)) per message, completion = ceil(chars/4) of the reply plus
 *       {@link SimulatorSettings#reasoningTokens()}, which are also reported as
 *       {@code completion_tokens_details.reasoning_tokens} when not 0. {@code id} is
 *       {@code chatcmpl-sim-<first 8 bytes of the prompt's SHA-256 in hex>-<call number>}; {@code model} echoes
 *       the request. With {@code "stream": true} the same reply comes as {@code text/event-stream} chunks, one
 *       per 4-char token, paced at {@link SimulatorSettings#tokensPerSecond()}, ending with a usage chunk when
 *       {@code stream_options.include_usage} is true, then {@code data: [DONE]} (see {@link CompletionStream}).
 *       Each call waits its {@link Latency} (for a stream, before the first chunk) and may get a fault, both
 *       drawn from the seed (see {@code CallPlanner}).</li>
 *   <li>{@code GET /v1/models}, {@code GET /v1/models/{id}}: gpt-4o, gpt-4o-mini and
 *       {@link SimulatorSettings#extraModels()}.</li>
 *   <li>{@code GET|PUT /sim/config}: {@code {"latencyMs","latencyDistribution","latencyStddevMs","latencyP99Ms",
 *       "tokensPerSecond","rate429","rate500","rateTimeout","rateMalformed","rateStreamCut","seed",
 *       "timeoutHoldMs","retryAfterSeconds","reasoningTokens"}}; a PUT sends any subset, an unknown field or
 *       invalid value is a 400 that changes nothing, and every accepted PUT restarts the sequence of faults and
 *       latencies.</li>
 *   <li>{@code GET /sim/prompts}: the recorded calls, oldest first, as {@code [{"model","messages":[{"role",
 *       "content"}],"receivedAt","fault"}]}; {@code DELETE /sim/prompts} forgets them (204).</li>
 * </ul>
 * Latency and faults apply to chat completions only; the API key, when set, guards {@code /v1/*} only.
 */
public final class LlmSimulator implements AutoCloseable {

    private final SimulatorHttpServer server;
    private final SimulatorState state;

    private LlmSimulator(SimulatorHttpServer server, SimulatorState state) {
        this.server = server;
        this.state = state;
    }

    /** Starts a simulator with the system clock. */
    public static LlmSimulator start(SimulatorSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** Starts a simulator whose answers and recorded calls take their times from {@code clock}. */
    public static LlmSimulator start(SimulatorSettings settings, Clock clock) {
        ObjectMapper json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        SimulatorState state = new SimulatorState(settings);
        Routes routes = new Routes(Map.of(
                ChatCompletionsEndpoint.PATH, new ChatCompletionsEndpoint(json, state, clock),
                ModelsEndpoint.PATH, new ModelsEndpoint(json, state),
                ConfigEndpoint.PATH, new ConfigEndpoint(json, state),
                PromptsEndpoint.PATH, new PromptsEndpoint(json, state)),
                new NotFoundEndpoint(json));
        return new LlmSimulator(SimulatorHttpServer.start(settings.host(), settings.port(), routes, json), state);
    }

    /** The bound port (the real one when 0 was asked). */
    public int port() {
        return server.address().getPort();
    }

    /** {@code http://<host>:<port>/v1}, the base URL an OpenAI client takes. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /**
     * {@code http://<host>:<port>}, under which {@code /sim/config} and {@code /sim/prompts} live; a wildcard
     * bind address is reached through 127.0.0.1.
     */
    public String rootUrl() {
        InetSocketAddress address = server.address();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public SimulatorSettings settings() {
        return state.settings();
    }

    /**
     * Changes the settings while running (host and port excepted) and restarts the sequence of faults and
     * latencies.
     *
     * @throws IllegalArgumentException when the change is invalid or touches host or port
     */
    public SimulatorSettings updateSettings(UnaryOperator<SimulatorSettings> change) {
        return state.update(change);
    }

    /** The most recent valid chat completion calls, oldest first, at most {@code recordLimit} of them. */
    public List<RecordedCall> receivedCalls() {
        return state.receivedCalls();
    }

    public void clearReceived() {
        state.clearReceived();
    }

    /** Stops at once: calls still waiting for their latency, pace or hold lose their connection. */
    @Override
    public void close() {
        server.close();
    }
}
