package dev.sluice.simulator;

/** Ends the handling of a request with an OpenAI-shaped error answer. */
final class ApiErrorException extends RuntimeException {

    private final transient ApiError error;

    ApiErrorException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    ApiError error() {
        return error;
    }
}
