package dev.sluice.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Base of the simulator's endpoints: turns every failure into an OpenAI-shaped error answer so that no request,
 * however bad, can stop the server.
 */
abstract class JsonEndpoint implements HttpHandler {

    /** Large enough for any realistic prompt, small enough that a bad client cannot exhaust the heap. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(JsonEndpoint.class.getName());

    protected final ObjectMapper json;

    JsonEndpoint(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public final void handle(HttpExchange exchange) {
        try {
            serve(exchange);
        } catch (ApiErrorException e) {
            PreparedAnswer.error(e.error(), json).sendTo(exchange);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not read the request", e);
            exchange.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected failure serving " + exchange.getRequestURI(), e);
            PreparedAnswer.error(ApiError.internal(e.toString()), json).sendTo(exchange);
        }
    }

    /** Serves one request: either answers and closes the exchange, or hands it on to be answered later. */
    abstract void serve(HttpExchange exchange) throws IOException;

    static void requireMethod(HttpExchange exchange, String... allowed) {
        String method = exchange.getRequestMethod();
        if (Arrays.asList(allowed).contains(method)) {
            return;
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new ApiErrorException(ApiError.methodNotAllowed(method, exchange.getRequestURI().getPath()));
    }

    static void requirePath(HttpExchange exchange, String path) {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            throw new ApiErrorException(ApiError.notFound(exchange.getRequestURI().getPath()));
        }
    }

    JsonNode readJson(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange);
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiErrorException(ApiError.invalidRequest(
                    "We could not parse the JSON body of your request: " + e.getOriginalMessage(), "invalid_json",
                    null));
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiErrorException(ApiError.tooLarge(MAX_BODY_BYTES));
            }
            return body;
        }
    }

    /** When an API key is configured, demands it as a bearer token, as OpenAI does. */
    static void requireApiKey(HttpExchange exchange, SimulatorSettings settings) {
        if (settings.apiKey().isEmpty()) {
            return;
        }
        String expected = "Bearer " + settings.apiKey().get();
        String actual = exchange.getRequestHeaders().getFirst("Authorization");
        if (actual == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiErrorException(ApiError.invalidApiKey());
        }
    }
}
