package dev.sluice.simulator.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.simulator.reply.SimulatedReply;
import dev.sluice.simulator.reply.TokenEstimate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A chat completion streamed as OpenAI streams it: server-sent events {@code data: <chat.completion.chunk>},
 * grouped into the parts that are sent one token apart.
 *
 * <p>The content is {@link TokenEstimate#split(String) split into tokens}, one content chunk each. Part 0 is the
 * chunk with {@code delta.role = "assistant"} and empty content followed by the first token's chunk; part
 * {@code i} (1 &le; i &lt; tokens) is token {@code i}'s chunk; the last part is the chunk with an empty delta and
 * the finish reason, then, when usage was asked for, a chunk with empty {@code choices} and the {@code usage},
 * then {@code data: [DONE]}. With usage asked for, every other chunk carries {@code "usage": null}, as OpenAI's
 * do. All chunks share the completion's {@code id}, {@code created} and {@code model}, so the concatenated
 * deltas equal the content of the same completion answered without streaming.
 */
public final class CompletionStream {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final String id;
    private final long created;
    private final String model;
    private final boolean includeUsage;

    /**
     * @param includeUsage whether the request had {@code stream_options.include_usage: true}
     */
    public CompletionStream(ObjectMapper json, String id, long created, String model, boolean includeUsage) {
        this.json = Objects.requireNonNull(json, "json");
        this.id = Objects.requireNonNull(id, "id");
        this.created = created;
        this.model = Objects.requireNonNull(model, "model");
        this.includeUsage = includeUsage;
    }

    /** The parts of the stream of {@code reply}; there are as many as tokens plus one, so never fewer than 2. */
    public List<byte[]> parts(SimulatedReply reply) {
        return parts(reply, false);
    }

    /**
     * The same parts but with the first chunk's JSON cut in half, as a broken upstream might send: a client
     * fails on the very first event.
     */
    public List<byte[]> partsWithBrokenFirstChunk(SimulatedReply reply) {
        return parts(reply, true);
    }

    private List<byte[]> parts(SimulatedReply reply, boolean breakFirstChunk) {
        List<String> tokens = TokenEstimate.split(reply.content());
        if (tokens.isEmpty()) {
            tokens = List.of("");
        }
        List<byte[]> parts = new ArrayList<>(tokens.size() + 1);
        byte[] roleChunk = bytes(chunk(delta().put("role", "assistant").put("content", "").putNull("refusal"),
                null));
        if (breakFirstChunk) {
            roleChunk = Arrays.copyOf(roleChunk, roleChunk.length / 2);
        }
        parts.add(concat(event(roleChunk), event(bytes(chunk(delta().put("content", tokens.get(0)), null)))));
        for (String token : tokens.subList(1, tokens.size())) {
            parts.add(event(bytes(chunk(delta().put("content", token), null))));
        }
        ByteArrayOutputStream last = new ByteArrayOutputStream();
        last.writeBytes(event(bytes(chunk(delta(), reply.finishReason()))));
        if (includeUsage) {
            last.writeBytes(event(bytes(usageChunk(reply))));
        }
        last.writeBytes(DONE);
        parts.add(last.toByteArray());
        return parts;
    }

    private ObjectNode delta() {
        return json.createObjectNode();
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode usageChunk(SimulatedReply reply) {
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", usage(json, reply));
        return chunk;
    }

    /**
     * The {@code usage} object of a reply, whole or streamed; {@code completion_tokens_details.reasoning_tokens}
     * only when the reply reasoned.
     */
    public static ObjectNode usage(ObjectMapper json, SimulatedReply reply) {
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", reply.completionTokens())
                .put("total_tokens", reply.totalTokens());
        if (reply.reasoningTokens() > 0) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", reply.reasoningTokens());
        }
        return usage;
    }

    private ObjectNode header() {
        return json.createObjectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", created)
                .put("model", model)
                .put("system_fingerprint", "sluice-simulator");
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chunks are plain JSON trees", e);
        }
    }

    private static byte[] event(byte[] data) {
        return concat("data: ".getBytes(StandardCharsets.US_ASCII), data, "\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
