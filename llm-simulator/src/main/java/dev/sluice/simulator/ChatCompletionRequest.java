package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.simulator.reply.PromptMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The parts of an OpenAI chat completion request the simulator acts on, read leniently (unknown fields are
 * ignored, as OpenAI does) but validated where a real provider would refuse.
 *
 * @param judge whether the caller asks for a judgement: a system or developer message mentions "rubric", or
 *     {@code response_format.type} is {@code json_object} or {@code json_schema}
 * @param maxTokens {@code max_completion_tokens}, else {@code max_tokens}, when either is given
 * @param stream whether the answer is to be streamed ({@code "stream": true})
 * @param includeUsage whether a stream ends with a usage chunk ({@code "stream_options": {"include_usage": true}})
 */
record ChatCompletionRequest(String model, List<PromptMessage> messages, boolean judge, OptionalInt maxTokens,
                             boolean stream, boolean includeUsage) {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> JSON_RESPONSE_FORMATS = Set.of("json_object", "json_schema");

    static ChatCompletionRequest parse(JsonNode body) {
        if (!body.isObject()) {
            throw invalid("The request body must be a JSON object.", "invalid_type", null);
        }
        boolean stream = optionalBoolean(body, "stream", "stream");
        boolean includeUsage = includeUsage(body, stream);
        String model = requiredText(body, "model");
        List<PromptMessage> messages = messages(body.get("messages"));
        OptionalInt maxTokens = maxTokens(body, "max_completion_tokens");
        if (maxTokens.isEmpty()) {
            maxTokens = maxTokens(body, "max_tokens");
        }
        return new ChatCompletionRequest(model, messages, asksForJudgement(body, messages), maxTokens, stream,
                includeUsage);
    }

    /** {@code stream_options.include_usage}; OpenAI refuses stream options on a call that does not stream. */
    private static boolean includeUsage(JsonNode body, boolean stream) {
        JsonNode options = body.get("stream_options");
        if (options == null || options.isNull()) {
            return false;
        }
        if (!stream) {
            throw invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                    "invalid_value", "stream_options");
        }
        if (!options.isObject()) {
            throw invalid("Invalid type for 'stream_options': expected an object.", "invalid_type",
                    "stream_options");
        }
        return optionalBoolean(options, "include_usage", "stream_options.include_usage");
    }

    private static boolean optionalBoolean(JsonNode object, String field, String param) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid("Invalid type for '" + param + "': expected a boolean.", "invalid_type", param);
        }
        return node.booleanValue();
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw invalid("Missing required parameter: '" + field + "'.", "missing_required_parameter", field);
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw invalid("Invalid type for '" + field + "': expected a non-empty string.", "invalid_type", field);
        }
        return node.asText();
    }

    private static List<PromptMessage> messages(JsonNode node) {
        if (node == null || node.isNull()) {
            throw invalid("Missing required parameter: 'messages'.", "missing_required_parameter", "messages");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalid("Invalid 'messages': expected a non-empty array.", "invalid_type", "messages");
        }
        List<PromptMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static PromptMessage message(JsonNode node, String param) {
        if (!node.isObject()) {
            throw invalid("Invalid '" + param + "': expected an object.", "invalid_type", param);
        }
        JsonNode role = node.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.asText())) {
            throw invalid("Invalid '" + param + ".role': expected one of " + ROLES + ".", "invalid_value",
                    param + ".role");
        }
        return new PromptMessage(role.asText(), content(node.get("content"), param + ".content"));
    }

    /** A string content as is; content parts as their texts joined by newlines (images and audio have none). */
    private static String content(JsonNode node, String param) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (!node.isArray()) {
            throw invalid("Invalid '" + param + "': expected a string or an array of content parts.",
                    "invalid_type", param);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : node) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual()) {
                texts.add(text.asText());
            }
        }
        return String.join("\n", texts);
    }

    private static OptionalInt maxTokens(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw invalid("Invalid '" + field + "': expected an integer of at least 1.", "invalid_value", field);
        }
        return OptionalInt.of(node.asInt());
    }

    private static boolean asksForJudgement(JsonNode body, List<PromptMessage> messages) {
        if (JSON_RESPONSE_FORMATS.contains(body.path("response_format").path("type").asText(""))) {
            return true;
        }
        return messages.stream()
                .filter(m -> m.role().equals("system") || m.role().equals("developer"))
                .anyMatch(m -> m.content().toLowerCase(Locale.ROOT).contains("rubric"));
    }

    private static ApiErrorException invalid(String message, String code, String param) {
        return new ApiErrorException(ApiError.invalidRequest(message, code, param));
    }
}
