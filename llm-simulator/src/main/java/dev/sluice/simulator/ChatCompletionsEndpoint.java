package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.simulator.reply.PromptFingerprint;
import dev.sluice.simulator.reply.SimulatedReply;
import dev.sluice.simulator.stream.CompletionStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions}: validates and records the call, then answers it with the
 * {@link SimulatedReply}, whole or streamed, or with the fault its {@link CallPlan} draws, after the drawn
 * latency.
 */
final class ChatCompletionsEndpoint extends JsonEndpoint {

    static final String PATH = "/v1/chat/completions";

    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";
    private static final String JSON = "application/json";

    private final SimulatorState state;
    private final Clock clock;
    private final AtomicLong callNumbers = new AtomicLong();

    ChatCompletionsEndpoint(ObjectMapper json, SimulatorState state, Clock clock) {
        super(json);
        this.state = state;
        this.clock = clock;
    }

    @Override
    Answer serve(HttpCall call) {
        requirePath(call, PATH);
        requireMethod(call, "POST");
        SimulatorSettings settings = state.settings();
        requireApiKey(call, settings);
        ChatCompletionRequest request = ChatCompletionRequest.parse(readJson(call));
        CallPlan plan = state.nextCall(settings);
        state.record(new RecordedCall(request.model(), request.messages(), clock.instant(), plan.fault()));
        Answer answer = switch (plan.fault()) {
            case TIMEOUT -> new HangUp(settings.timeoutHoldMs());
            case RATE_LIMIT -> PreparedAnswer.error(ApiError.rateLimited(), json,
                    Map.of("Retry-After", Integer.toString(settings.retryAfterSeconds())));
            case SERVER_ERROR -> PreparedAnswer.error(ApiError.simulatedServerError(), json);
            case MALFORMED -> request.stream()
                    ? PacedAnswer.whole(EVENT_STREAM,
                            stream(request).partsWithBrokenFirstChunk(reply(request, settings)),
                            settings.tokenIntervalNanos())
                    : malformed(completion(request, settings));
            case STREAM_CUT -> (request.stream()
                    ? streamed(request, settings)
                    : halves(completion(request, settings))).cutAt(plan.cutPoint());
            case NONE -> request.stream() ? streamed(request, settings) : completion(request, settings);
        };
        if (answer instanceof HangUp) {
            return answer;
        }
        return new DelayedAnswer(plan.latencyMs(), answer);
    }

    private PreparedAnswer completion(ChatCompletionRequest request, SimulatorSettings settings) {
        SimulatedReply reply = reply(request, settings);
        ObjectNode body = json.createObjectNode()
                .put("id", nextId(request))
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
        body.set("usage", CompletionStream.usage(json, reply));
        return PreparedAnswer.json(200, json, body);
    }

    private PacedAnswer streamed(ChatCompletionRequest request, SimulatorSettings settings) {
        return PacedAnswer.whole(EVENT_STREAM, stream(request).parts(reply(request, settings)),
                settings.tokenIntervalNanos());
    }

    private CompletionStream stream(ChatCompletionRequest request) {
        return new CompletionStream(json, nextId(request), clock.instant().getEpochSecond(), request.model(),
                request.includeUsage());
    }

    private static SimulatedReply reply(ChatCompletionRequest request, SimulatorSettings settings) {
        return SimulatedReply.to(request.messages(), request.judge(), request.maxTokens())
                .withReasoning(settings.reasoningTokens());
    }

    /** {@code chatcmpl-sim-<first 8 bytes of the prompt's SHA-256 in hex>-<call number>}. */
    private String nextId(ChatCompletionRequest request) {
        return "chatcmpl-sim-" + PromptFingerprint.of(request.messages()).hexPrefix(8) + "-"
                + callNumbers.incrementAndGet();
    }

    /** The first half of a real answer: a 200 whose JSON ends mid-object, as a cut-off upstream would send. */
    private static PreparedAnswer malformed(PreparedAnswer answer) {
        byte[] body = answer.body();
        return new PreparedAnswer(200, Map.of(), Arrays.copyOf(body, body.length / 2));
    }

    /** A whole answer as two parts, its body's halves, so that it can be cut between them. */
    private static PacedAnswer halves(PreparedAnswer answer) {
        byte[] body = answer.body();
        int half = body.length / 2;
        return PacedAnswer.whole(JSON,
                List.of(Arrays.copyOf(body, half), Arrays.copyOfRange(body, half, body.length)), 0);
    }
}
