package dev.sluice.simulator;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Objects;

/**
 * One HTTP request as the simulator read it.
 *
 * @param method the request method, e.g. {@code POST}
 * @param path the decoded path, without query
 * @param headers the request headers (names case-insensitive)
 * @param body the whole body; empty when it was larger than {@link JsonEndpoint#MAX_BODY_BYTES}
 * @param bodyTooLarge whether the body was larger than {@link JsonEndpoint#MAX_BODY_BYTES} and thrown away
 */
record HttpCall(String method, String path, HttpHeaders headers, byte[] body, boolean bodyTooLarge) {

    HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** The first value of the header, or null when the request has none. */
    String header(String name) {
        return headers.get(name);
    }
}
