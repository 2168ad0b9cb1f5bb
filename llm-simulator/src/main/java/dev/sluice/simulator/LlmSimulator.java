package dev.sluice.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.simulator.reply.JudgeRubric;
import dev.sluice.simulator.reply.SimulatedReply;
import dev.sluice.simulator.reply.TokenEstimate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A running OpenAI-compatible LLM simulator: a real HTTP server on {@link #baseUrl()}.
 *
 * <p>Endpoints (errors are always OpenAI-shaped: {@code {"error":{"message","type","code","param"}}}):
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: non-streaming chat completions ({@code stream: true} is a 400 with
 *       code {@code streaming_unsupported}). The reply is {@link SimulatedReply}: {@code "Simulated answer to: "}
 *       plus the last user message cut to 200 code points, or in judge mode (a system or developer message
 *       mentions "rubric", or {@code response_format.type} is {@code json_object}/{@code json_schema}) the
 *       {@link JudgeRubric} JSON; {@code max_completion_tokens}/{@code max_tokens} cut it with finish reason
 *       {@code length}. Usage follows {@link TokenEstimate}: prompt = sum of (4 + ceil(chars/4)) per message,
 *       completion = ceil(chars/4) of the reply. {@code id} is {@code chatcmpl-sim-<first 8 bytes of the
 *       prompt's SHA-256 in hex>-<call number>}; {@code model} echoes the request.</li>
 *   <li>{@code GET /v1/models}, {@code GET /v1/models/{id}}: gpt-4o, gpt-4o-mini and
 *       {@link SimulatorSettings#extraModels()}.</li>
 *   <li>{@code GET|PUT /sim/config}: {@code {"latencyMs","rate429","rate500","rateTimeout","rateMalformed",
 *       "seed","timeoutHoldMs","retryAfterSeconds"}}; a PUT sends any subset, an unknown field or invalid value
 *       is a 400 that changes nothing, and every accepted PUT restarts the fault sequence.</li>
 *   <li>{@code GET /sim/prompts}: the recorded calls, oldest first, as {@code [{"model","messages":[{"role",
 *       "content"}],"receivedAt","fault"}]}; {@code DELETE /sim/prompts} forgets them (204).</li>
 * </ul>
 * Latency and faults apply to chat completions only; the API key, when set, guards {@code /v1/*} only.
 */
public final class LlmSimulator implements AutoCloseable {

    /** Room for bursts of connections (a load test opens hundreds at once) before the kernel refuses them. */
    private static final int ACCEPT_BACKLOG = 4096;

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body then waits for the
        // client's delayed ACK (about 40 ms on Linux) on every keep-alive call. Only effective if set before
        // the JDK server is first used in this JVM, and a value the user set wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final SimulatorState state;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    private LlmSimulator(HttpServer server, SimulatorState state, ScheduledExecutorService timer,
                         ExecutorService workers) {
        this.server = server;
        this.state = state;
        this.timer = timer;
        this.workers = workers;
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
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), ACCEPT_BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        SimulatorState state = new SimulatorState(settings);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("llm-sim-timer"));
        ExecutorService workers = Executors.newFixedThreadPool(
                Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), daemonThreads("llm-sim-worker"));
        DeferredAnswers deferred = new DeferredAnswers(timer, workers);

        server.setExecutor(workers);
        server.createContext("/", new NotFoundEndpoint(json));
        server.createContext(ChatCompletionsEndpoint.PATH, new ChatCompletionsEndpoint(json, state, deferred, clock));
        server.createContext(ModelsEndpoint.PATH, new ModelsEndpoint(json, state));
        server.createContext(ConfigEndpoint.PATH, new ConfigEndpoint(json, state));
        server.createContext(PromptsEndpoint.PATH, new PromptsEndpoint(json, state));
        server.start();
        return new LlmSimulator(server, state, timer, workers);
    }

    /** The bound port (the real one when 0 was asked). */
    public int port() {
        return server.getAddress().getPort();
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
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public SimulatorSettings settings() {
        return state.settings();
    }

    /**
     * Changes the settings while running (host and port excepted) and restarts the fault sequence.
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

    /** Stops at once: calls still waiting for their latency or hold lose their connection. */
    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
