package dev.sluice.simulator;

import java.util.Map;

/**
 * Picks the endpoint for a path: the one registered for the path itself or for its nearest parent (so
 * {@code /v1/models/gpt-4o} goes to {@code /v1/models}), else the 404 endpoint.
 */
final class Routes {

    private final Map<String, JsonEndpoint> endpoints;
    private final JsonEndpoint notFound;

    Routes(Map<String, JsonEndpoint> endpoints, JsonEndpoint notFound) {
        this.endpoints = Map.copyOf(endpoints);
        this.notFound = notFound;
    }

    Answer answer(HttpCall call) {
        return endpointFor(call.path()).answer(call);
    }

    private JsonEndpoint endpointFor(String path) {
        String candidate = path;
        while (!candidate.isEmpty()) {
            JsonEndpoint endpoint = endpoints.get(candidate);
            if (endpoint != null) {
                return endpoint;
            }
            candidate = candidate.substring(0, candidate.lastIndexOf('/'));
        }
        return notFound;
    }
}
