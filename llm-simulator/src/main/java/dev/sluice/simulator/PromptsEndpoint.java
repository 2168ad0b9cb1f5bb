package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.simulator.reply.PromptMessage;

/**
 * {@code GET /sim/prompts}: the recorded calls, oldest first, as
 * {@code [{"model","messages":[{"role","content"}],"receivedAt":"<ISO-8601>","fault":"NONE|RATE_LIMIT|..."}]};
 * {@code DELETE /sim/prompts} forgets them (204).
 */
final class PromptsEndpoint extends JsonEndpoint {

    static final String PATH = "/sim/prompts";

    private final SimulatorState state;

    PromptsEndpoint(ObjectMapper json, SimulatorState state) {
        super(json);
        this.state = state;
    }

    @Override
    Answer serve(HttpCall call) {
        requirePath(call, PATH);
        requireMethod(call, "GET", "DELETE");
        if (call.method().equals("DELETE")) {
            state.clearReceived();
            return PreparedAnswer.noContent();
        }
        ArrayNode calls = json.createArrayNode();
        for (RecordedCall recorded : state.receivedCalls()) {
            ObjectNode node = calls.addObject().put("model", recorded.model());
            ArrayNode messages = node.putArray("messages");
            for (PromptMessage message : recorded.messages()) {
                messages.addObject().put("role", message.role()).put("content", message.content());
            }
            node.put("receivedAt", recorded.receivedAt().toString());
            node.put("fault", recorded.fault().name());
        }
        return PreparedAnswer.json(200, json, calls);
    }
}
