package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.latency.Latency;
import dev.sluice.simulator.latency.LatencyDistribution;
import java.util.Iterator;
import java.util.List;

/**
 * {@code GET /sim/config} and {@code PUT /sim/config}: the settings that can change at run time, as
 * {@code {"latencyMs","latencyDistribution","latencyStddevMs","latencyP99Ms","tokensPerSecond","rate429",
 * "rate500","rateTimeout","rateMalformed","rateStreamCut","seed","timeoutHoldMs","retryAfterSeconds",
 * "reasoningTokens"}}. A PUT
 * may send any subset; an unknown field or an invalid value (or combination) is a 400 naming it that changes
 * nothing. Both answer with the whole (new) configuration.
 */
final class ConfigEndpoint extends JsonEndpoint {

    static final String PATH = "/sim/config";

    /** In the order GET shows them. */
    private static final List<String> FIELDS = List.of("latencyMs", "latencyDistribution", "latencyStddevMs",
            "latencyP99Ms", "tokensPerSecond", "rate429", "rate500", "rateTimeout", "rateMalformed",
            "rateStreamCut", "seed", "timeoutHoldMs", "retryAfterSeconds", "reasoningTokens");

    private final SimulatorState state;

    ConfigEndpoint(ObjectMapper json, SimulatorState state) {
        super(json);
        this.state = state;
    }

    @Override
    Answer serve(HttpCall call) {
        requirePath(call, PATH);
        requireMethod(call, "GET", "PUT");
        if (call.method().equals("PUT")) {
            JsonNode changes = readJson(call);
            try {
                state.update(current -> apply(current, changes));
            } catch (IllegalArgumentException e) {
                throw new ApiErrorException(ApiError.invalidRequest(e.getMessage(), "invalid_value", null));
            }
        }
        return PreparedAnswer.json(200, json, toJson(state.settings()));
    }

    private ObjectNode toJson(SimulatorSettings settings) {
        Latency latency = settings.latency();
        FaultRates rates = settings.faultRates();
        return json.createObjectNode()
                .put("latencyMs", latency.medianMs())
                .put("latencyDistribution", latency.distribution().configName())
                .put("latencyStddevMs", latency.stddevMs())
                .put("latencyP99Ms", latency.p99Ms())
                .put("tokensPerSecond", settings.tokensPerSecond())
                .put("rate429", rates.rate429())
                .put("rate500", rates.rate500())
                .put("rateTimeout", rates.rateTimeout())
                .put("rateMalformed", rates.rateMalformed())
                .put("rateStreamCut", rates.rateStreamCut())
                .put("seed", settings.seed())
                .put("timeoutHoldMs", settings.timeoutHoldMs())
                .put("retryAfterSeconds", settings.retryAfterSeconds())
                .put("reasoningTokens", settings.reasoningTokens());
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
        Latency latency = current.latency();
        FaultRates rates = current.faultRates();
        return current
                .withLatency(new Latency(
                        distribution(changes, latency.distribution()),
                        longValue(changes, "latencyMs", latency.medianMs()),
                        longValue(changes, "latencyStddevMs", latency.stddevMs()),
                        longValue(changes, "latencyP99Ms", latency.p99Ms())))
                .withTokensPerSecond(number(changes, "tokensPerSecond", current.tokensPerSecond()))
                .withFaultRates(new FaultRates(
                        number(changes, "rate429", rates.rate429()),
                        number(changes, "rate500", rates.rate500()),
                        number(changes, "rateTimeout", rates.rateTimeout()),
                        number(changes, "rateMalformed", rates.rateMalformed()),
                        number(changes, "rateStreamCut", rates.rateStreamCut())))
                .withSeed(longValue(changes, "seed", current.seed()))
                .withTimeoutHoldMs(longValue(changes, "timeoutHoldMs", current.timeoutHoldMs()))
                .withRetryAfterSeconds(intValue(changes, "retryAfterSeconds", current.retryAfterSeconds()))
                .withReasoningTokens(intValue(changes, "reasoningTokens", current.reasoningTokens()));
    }

    private static LatencyDistribution distribution(JsonNode changes, LatencyDistribution current) {
        JsonNode node = changes.get("latencyDistribution");
        if (node == null) {
            return current;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("latencyDistribution must be one of "
                    + LatencyDistribution.configNames() + " but is " + node);
        }
        return LatencyDistribution.fromConfigName(node.asText());
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

    private static double number(JsonNode changes, String name, double current) {
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
