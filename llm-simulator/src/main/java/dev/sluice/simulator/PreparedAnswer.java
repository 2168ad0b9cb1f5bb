package dev.sluice.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Map;

/** A complete HTTP answer built before it is sent, so it can be sent later from any thread. */
record PreparedAnswer(int status, Map<String, String> headers, byte[] body) {

    private static final System.Logger LOG = System.getLogger(PreparedAnswer.class.getName());

    static PreparedAnswer json(int status, ObjectMapper json, Object value) {
        return json(status, json, value, Map.of());
    }

    static PreparedAnswer json(int status, ObjectMapper json, Object value, Map<String, String> extraHeaders) {
        try {
            return new PreparedAnswer(status, extraHeaders, json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulator answers are plain JSON trees", e);
        }
    }

    static PreparedAnswer error(ApiError error, ObjectMapper json) {
        return json(error.status(), json, error.toJson(json));
    }

    static PreparedAnswer noContent() {
        return new PreparedAnswer(204, Map.of(), new byte[0]);
    }

    /** Sends the answer and closes the exchange; a client that has gone away is not an error here. */
    void sendTo(HttpExchange exchange) {
        try {
            headers.forEach(exchange.getResponseHeaders()::set);
            if (body.length == 0) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "client left before its answer was sent", e);
        } finally {
            exchange.close();
        }
    }
}
