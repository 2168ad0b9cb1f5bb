package dev.sluice.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** A complete HTTP answer with a JSON body (or none), built before it is sent. */
record PreparedAnswer(int status, Map<String, String> headers, byte[] body) implements Answer {

    PreparedAnswer {
        headers = Map.copyOf(headers);
    }

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
        return error(error, json, Map.of());
    }

    static PreparedAnswer error(ApiError error, ObjectMapper json, Map<String, String> extraHeaders) {
        return json(error.status(), json, error.toJson(json), extraHeaders);
    }

    static PreparedAnswer noContent() {
        return new PreparedAnswer(204, Map.of(), new byte[0]);
    }
}
