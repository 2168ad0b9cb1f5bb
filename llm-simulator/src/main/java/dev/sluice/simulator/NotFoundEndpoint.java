package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Answers every path no other endpoint claims with an OpenAI-shaped 404. */
final class NotFoundEndpoint extends JsonEndpoint {

    NotFoundEndpoint(ObjectMapper json) {
        super(json);
    }

    @Override
    void serve(HttpExchange exchange) {
        throw new ApiErrorException(ApiError.notFound(exchange.getRequestURI().getPath()));
    }
}
