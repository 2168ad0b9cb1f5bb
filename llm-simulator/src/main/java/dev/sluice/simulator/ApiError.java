package dev.sluice.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer in OpenAI's shape: {@code {"error":{"message","type","code","param"}}} with an HTTP status. */
record ApiError(int status, String message, String type, String code, String param) {

    static ApiError invalidRequest(String message, String code, String param) {
        return new ApiError(400, message, "invalid_request_error", code, param);
    }

    static ApiError invalidApiKey() {
        return new ApiError(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key", null);
    }

    static ApiError notFound(String path) {
        return new ApiError(404, "Unknown request URL: " + path, "invalid_request_error", "unknown_url", null);
    }

    static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(405, "Method " + method + " is not allowed on " + path, "invalid_request_error",
                "method_not_allowed", null);
    }

    static ApiError tooLarge(long limitBytes) {
        return new ApiError(413, "Request body exceeds " + limitBytes + " bytes", "invalid_request_error",
                "request_too_large", null);
    }

    static ApiError rateLimited() {
        return new ApiError(429, "Rate limit reached (simulated). Please retry after the Retry-After delay.",
                "requests", "rate_limit_exceeded", null);
    }

    static ApiError simulatedServerError() {
        return new ApiError(500, "The server had an error while processing your request (simulated).",
                "server_error", null, null);
    }

    static ApiError internal(String message) {
        return new ApiError(500, "Simulator failure: " + message, "server_error", "internal_error", null);
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        root.putObject("error")
                .put("message", message)
                .put("type", type)
                .put("code", code)
                .put("param", param);
        return root;
    }
}
