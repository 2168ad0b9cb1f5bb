package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.simulator.reply.PromptMessage;
import java.io.IOException;

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
    void serve(HttpExchange exchange) throws IOException {
        requirePath(exchange, PATH);
        requireMethod(exchange, "GET", "DELETE");
        if (exchange.getRequestMethod().equals("DELETE")) {
            state.clearReceived();
            PreparedAnswer.noContent().sendTo(exchange);
            return;
        }
        ArrayNode calls = json.createArrayNode();
        for (RecordedCall call : state.receivedCalls()) {
            ObjectNode node = calls.addObject().put("model", call.model());
            ArrayNode messages = node.putArray("messages");
            for (PromptMessage message : call.messages()) {
                messages.addObject().put("role", message.role()).put("content", message.content());
            }
            node.put("receivedAt", call.receivedAt().toString());
            node.put("fault", call.fault().name());
        }
        PreparedAnswer.json(200, json, calls).sendTo(exchange);
    }
}
