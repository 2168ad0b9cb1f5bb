package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Answers every path no other endpoint claims with an OpenAI-shaped 404. */
final class NotFoundEndpoint extends JsonEndpoint {

    NotFoundEndpoint(ObjectMapper json) {
        super(json);
    }

    @Override
    Answer serve(HttpCall call) {
        throw new ApiErrorException(ApiError.notFound(call.path()));
    }
}
