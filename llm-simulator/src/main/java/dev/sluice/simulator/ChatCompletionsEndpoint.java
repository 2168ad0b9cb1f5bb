package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.reply.PromptFingerprint;
import dev.sluice.simulator.reply.SimulatedReply;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions}: validates and records the call, then answers it with the
 * {@link SimulatedReply} or with the fault the schedule picks, after the configured latency.
 */
final class ChatCompletionsEndpoint extends JsonEndpoint {

    static final String PATH = "/v1/chat/completions";

    private final SimulatorState state;
    private final DeferredAnswers deferred;
    private final Clock clock;
    private final AtomicLong callNumbers = new AtomicLong();

    ChatCompletionsEndpoint(ObjectMapper json, SimulatorState state, DeferredAnswers deferred, Clock clock) {
        super(json);
        this.state = state;
        this.deferred = deferred;
        this.clock = clock;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException {
        requirePath(exchange, PATH);
        requireMethod(exchange, "POST");
        SimulatorSettings settings = state.settings();
        requireApiKey(exchange, settings);
        ChatCompletionRequest request = ChatCompletionRequest.parse(readJson(exchange));
        Fault fault = state.nextFault(settings);
        state.record(new RecordedCall(request.model(), request.messages(), clock.instant(), fault));
        switch (fault) {
            case TIMEOUT -> deferred.hangUpAfter(exchange, settings.timeoutHoldMs());
            case RATE_LIMIT -> deferred.answerAfter(exchange, rateLimited(settings), settings.latencyMs());
            case SERVER_ERROR -> deferred.answerAfter(exchange,
                    PreparedAnswer.error(ApiError.simulatedServerError(), json), settings.latencyMs());
            case MALFORMED -> deferred.answerAfter(exchange, malformed(completion(request)), settings.latencyMs());
            case NONE -> deferred.answerAfter(exchange, completion(request), settings.latencyMs());
        }
    }

    private PreparedAnswer completion(ChatCompletionRequest request) {
        SimulatedReply reply = SimulatedReply.to(request.messages(), request.judge(), request.maxTokens());
        String id = "chatcmpl-sim-" + PromptFingerprint.of(request.messages()).hexPrefix(8) + "-"
                + callNumbers.incrementAndGet();
        ObjectNode body = json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", clock.instant().getEpochSecond())
                .put("model", request.model())
                .put("system_fingerprint", "sluice-simulator");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message")
                .put("role", "assistant")
                .put("content", reply.content())
                .putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finishReason());
        body.putObject("usage")
                .put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.totalTokens());
        return PreparedAnswer.json(200, json, body);
    }

    private PreparedAnswer rateLimited(SimulatorSettings settings) {
        ApiError error = ApiError.rateLimited();
        return PreparedAnswer.json(error.status(), json, error.toJson(json),
                Map.of("Retry-After", Integer.toString(settings.retryAfterSeconds())));
    }

    /** The first half of a real answer: a 200 whose JSON ends mid-object, as a cut-off upstream would send. */
    private static PreparedAnswer malformed(PreparedAnswer answer) {
        byte[] body = answer.body();
        return new PreparedAnswer(200, Map.of(), Arrays.copyOf(body, body.length / 2));
    }
}
