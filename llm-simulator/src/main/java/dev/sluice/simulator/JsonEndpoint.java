package dev.sluice.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;

/**
 * Base of the simulator's endpoints: turns every failure into an OpenAI-shaped error answer so that no request,
 * however bad, can stop the server.
 */
abstract class JsonEndpoint {

    /** Large enough for any realistic prompt, small enough that a bad client cannot exhaust the heap. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(JsonEndpoint.class.getName());

    protected final ObjectMapper json;

    JsonEndpoint(ObjectMapper json) {
        this.json = json;
    }

    /** The answer to {@code call}: the endpoint's own, or the error answer for what went wrong. */
    final Answer answer(HttpCall call) {
        try {
            return serve(call);
        } catch (ApiErrorException e) {
            return PreparedAnswer.error(e.error(), json, e.headers());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected failure serving " + call.path(), e);
            return PreparedAnswer.error(ApiError.internal(e.toString()), json);
        }
    }

    /** Decides how to answer one request. */
    abstract Answer serve(HttpCall call);

    static void requireMethod(HttpCall call, String... allowed) {
        if (Arrays.asList(allowed).contains(call.method())) {
            return;
        }
        throw new ApiErrorException(ApiError.methodNotAllowed(call.method(), call.path()),
                Map.of("Allow", String.join(", ", allowed)));
    }

    static void requirePath(HttpCall call, String path) {
        if (!call.path().equals(path)) {
            throw new ApiErrorException(ApiError.notFound(call.path()));
        }
    }

    JsonNode readJson(HttpCall call) {
        if (call.bodyTooLarge()) {
            throw new ApiErrorException(ApiError.tooLarge(MAX_BODY_BYTES));
        }
        try {
            return json.readTree(call.body());
        } catch (JsonProcessingException e) {
            throw new ApiErrorException(ApiError.invalidRequest(
                    "We could not parse the JSON body of your request: " + e.getOriginalMessage(), "invalid_json",
                    null));
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from a byte array does no I/O", e);
        }
    }

    /** When an API key is configured, demands it as a bearer token, as OpenAI does. */
    static void requireApiKey(HttpCall call, SimulatorSettings settings) {
        if (settings.apiKey().isEmpty()) {
            return;
        }
        String expected = "Bearer " + settings.apiKey().get();
        String actual = call.header("Authorization");
        if (actual == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiErrorException(ApiError.invalidApiKey());
        }
    }
}
