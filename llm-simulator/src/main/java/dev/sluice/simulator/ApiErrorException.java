package dev.sluice.simulator;

import java.util.Map;

/** Ends the handling of a request with an OpenAI-shaped error answer, and any headers it needs. */
final class ApiErrorException extends RuntimeException {

    private final transient ApiError error;
    private final transient Map<String, String> headers;

    ApiErrorException(ApiError error) {
        this(error, Map.of());
    }

    ApiErrorException(ApiError error, Map<String, String> headers) {
        super(error.message(), null, false, false);
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    ApiError error() {
        return error;
    }

    Map<String, String> headers() {
        return headers;
    }
}
