package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sluice.simulator.fault.FaultRates;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code GET /sim/config} and {@code PUT /sim/config}: the settings that can change at run time, as
 * {@code {"latencyMs","rate429","rate500","rateTimeout","rateMalformed","seed","timeoutHoldMs",
 * "retryAfterSeconds"}}. A PUT may send any subset; an unknown field or an invalid value is a 400 and changes
 * nothing. Both answer with the whole (new) configuration.
 */
final class ConfigEndpoint extends JsonEndpoint {

    static final String PATH = "/sim/config";

    private static final Set<String> FIELDS = Set.of("latencyMs", "rate429", "rate500", "rateTimeout",
            "rateMalformed", "seed", "timeoutHoldMs", "retryAfterSeconds");

    private final SimulatorState state;

    ConfigEndpoint(ObjectMapper json, SimulatorState state) {
        super(json);
        this.state = state;
    }

    @Override
    void serve(HttpExchange exchange) throws IOException {
        requirePath(exchange, PATH);
        requireMethod(exchange, "GET", "PUT");
        if (exchange.getRequestMethod().equals("PUT")) {
            JsonNode changes = readJson(exchange);
            try {
                state.update(current -> apply(current, changes));
            } catch (IllegalArgumentException e) {
                throw new ApiErrorException(ApiError.invalidRequest(e.getMessage(), "invalid_value", null));
            }
        }
        PreparedAnswer.json(200, json, toJson(state.settings())).sendTo(exchange);
    }

    private ObjectNode toJson(SimulatorSettings settings) {
        FaultRates rates = settings.faultRates();
        return json.createObjectNode()
                .put("latencyMs", settings.latencyMs())
                .put("rate429", rates.rate429())
                .put("rate500", rates.rate500())
                .put("rateTimeout", rates.rateTimeout())
                .put("rateMalformed", rates.rateMalformed())
                .put("seed", settings.seed())
                .put("timeoutHoldMs", settings.timeoutHoldMs())
                .put("retryAfterSeconds", settings.retryAfterSeconds());
    }

    private static SimulatorSettings apply(SimulatorSettings current, JsonNode changes) {
        if (!changes.isObject()) {
            throw new IllegalArgumentException("the configuration must be a JSON object");
        }
        for (Iterator<String> names = changes.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown setting '" + name + "'; known settings are " + FIELDS);
            }
        }
        FaultRates rates = current.faultRates();
        return current
                .withLatencyMs(longValue(changes, "latencyMs", current.latencyMs()))
                .withFaultRates(new FaultRates(
                        fraction(changes, "rate429", rates.rate429()),
                        fraction(changes, "rate500", rates.rate500()),
                        fraction(changes, "rateTimeout", rates.rateTimeout()),
                        fraction(changes, "rateMalformed", rates.rateMalformed())))
                .withSeed(longValue(changes, "seed", current.seed()))
                .withTimeoutHoldMs(longValue(changes, "timeoutHoldMs", current.timeoutHoldMs()))
                .withRetryAfterSeconds(intValue(changes, "retryAfterSeconds", current.retryAfterSeconds()));
    }

    private static long longValue(JsonNode changes, String name, long current) {
        JsonNode node = changes.get(name);
        if (node == null) {
            return current;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be an integer but is " + node);
        }
        return node.asLong();
    }

    private static int intValue(JsonNode changes, String name, int current) {
        JsonNode node = changes.get(name);
        if (node != null && !node.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be an integer of at most " + Integer.MAX_VALUE
                    + " but is " + node);
        }
        return (int) longValue(changes, name, current);
    }

    private static double fraction(JsonNode changes, String name, double current) {
        JsonNode node = changes.get(name);
        if (node == null) {
            return current;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number but is " + node);
        }
        return node.asDouble();
    }
}
