package dev.sluice.ingress.validation;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.Role;
import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ApiErrorException;
import dev.sluice.ingress.openai.ChatCompletionRequest;
import dev.sluice.ingress.openai.ChatCompletionRequest.RequestMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a chat completion request against what Sluice accepts and turns it into event terms. The first violation
 * is reported, as OpenAI does: 400 {@code invalid_request_error} with {@code param} naming the field.
 */
public final class ChatCompletionValidator {

  public static final int MAX_MESSAGES = 1000;
  public static final int MAX_CONTENT_CHARS = 100_000;
  public static final int MAX_NAME_CHARS = 64;
  public static final int MAX_MODEL_CHARS = 256;
  public static final int MAX_USER_CHARS = 256;
  public static final double MAX_TEMPERATURE = 2.0;
  public static final int MAX_OUTPUT_TOKENS = 16_384;
  public static final int MAX_STOP_SEQUENCES = 4;
  /** Metadata keys Sluice sets itself (e.g. the tenant's tier), so a caller must not. */
  static final String RESERVED_METADATA_PREFIX = "sluice.";
  // OpenAI's own limits on request metadata.
  public static final int MAX_METADATA_PAIRS = 16;
  public static final int MAX_METADATA_KEY_CHARS = 64;
  public static final int MAX_METADATA_VALUE_CHARS = 512;
  /** Joins the text parts of an array content; a newline keeps separate parts from running into each other. */
  public static final String TEXT_PART_SEPARATOR = "\n";

  private static final Pattern MODEL = Pattern.compile("^[a-zA-Z0-9\\-_.]+$");

  /** Validates {@code request}; throws {@link ApiErrorException} (400) naming the first field that is wrong. */
  public ValidatedChat validate(ChatCompletionRequest request) {
    if (request == null) {
      throw invalid(null, "The request body must be a JSON object.");
    }
    if (Boolean.TRUE.equals(request.stream())) {
      throw invalid("stream", "streaming is not supported yet");
    }
    rejectUnsupportedFeatures(request);
    String model = model(request.model());
    List<ChatMessage> messages = messages(request.messages());
    ChatParams params = params(request);
    String user = user(request.user());
    Map<String, String> metadata = metadata(request.metadata());
    return new ValidatedChat(model, messages, params, user, metadata);
  }

  private static void rejectUnsupportedFeatures(ChatCompletionRequest request) {
    if (request.n() != null && request.n() != 1) {
      throw invalid("n", "only n=1 is supported, got " + request.n());
    }
    if (isPresent(request.tools()) && !isEmptyArray(request.tools())) {
      throw invalid("tools", "tools are not supported yet");
    }
    if (isPresent(request.functions()) && !isEmptyArray(request.functions())) {
      throw invalid("functions", "functions are not supported yet");
    }
  }

  private static String model(String model) {
    if (model == null || model.isBlank()) {
      throw invalid("model", "you must provide a model parameter");
    }
    if (model.length() > MAX_MODEL_CHARS) {
      throw invalid("model", "model must be at most " + MAX_MODEL_CHARS + " characters");
    }
    if (!MODEL.matcher(model).matches()) {
      throw invalid("model", "model must match " + MODEL.pattern());
    }
    return model;
  }

  private static List<ChatMessage> messages(List<RequestMessage> messages) {
    if (messages == null || messages.isEmpty()) {
      throw invalid("messages", "messages must contain at least 1 message");
    }
    if (messages.size() > MAX_MESSAGES) {
      throw invalid("messages", "messages must contain at most " + MAX_MESSAGES + " messages, got " + messages.size());
    }
    List<ChatMessage> result = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      result.add(message(messages.get(i), "messages[" + i + "]"));
    }
    return result;
  }

  private static ChatMessage message(RequestMessage message, String param) {
    if (message == null) {
      throw invalid(param, "each message must be an object");
    }
    Role role = role(message.role(), param + ".role");
    String content = content(message.content(), param + ".content");
    if (message.name() != null && message.name().length() > MAX_NAME_CHARS) {
      throw invalid(param + ".name", "name must be at most " + MAX_NAME_CHARS + " characters");
    }
    return ChatMessage.newBuilder().setRole(role).setContent(content).setName(message.name()).build();
  }

  private static Role role(String role, String param) {
    if (role == null) {
      throw invalid(param, "role is required");
    }
    return switch (role) {
      case "system" -> Role.SYSTEM;
      case "user" -> Role.USER;
      case "assistant" -> Role.ASSISTANT;
      default -> throw invalid(param,
          "Invalid value: '" + role + "'. Supported values are: 'system', 'user' and 'assistant'.");
    };
  }

  private static String content(JsonNode content, String param) {
    String text;
    if (!isPresent(content)) {
      throw invalid(param, "content is required");
    } else if (content.isString()) {
      text = content.stringValue();
    } else if (content.isArray()) {
      text = joinTextParts(content, param);
    } else {
      throw invalid(param, "content must be a string or an array of text parts");
    }
    if (text.length() > MAX_CONTENT_CHARS) {
      throw invalid(param, "content must be at most " + MAX_CONTENT_CHARS + " characters, got " + text.length());
    }
    if (text.indexOf('\0') >= 0) {
      throw invalid(param, "content must not contain NUL characters");
    }
    return text;
  }

  private static String joinTextParts(JsonNode parts, String param) {
    if (parts.isEmpty()) {
      throw invalid(param, "content must contain at least 1 part");
    }
    List<String> texts = new ArrayList<>(parts.size());
    for (int j = 0; j < parts.size(); j++) {
      JsonNode part = parts.get(j);
      String partParam = param + "[" + j + "]";
      if (!part.isObject() || !part.path("type").isString()) {
        throw invalid(partParam, "each content part must be an object with a type");
      }
      String type = part.get("type").stringValue();
      if (!"text".equals(type)) {
        throw invalid(partParam + ".type",
            "content part type '" + type + "' is not supported; only 'text' parts are");
      }
      if (!part.path("text").isString()) {
        throw invalid(partParam + ".text", "a text part must have a string text");
      }
      texts.add(part.get("text").stringValue());
    }
    return String.join(TEXT_PART_SEPARATOR, texts);
  }

  private static ChatParams params(ChatCompletionRequest request) {
    Double temperature = request.temperature();
    if (temperature != null && (temperature < 0 || temperature > MAX_TEMPERATURE)) {
      throw invalid("temperature", "temperature must be between 0 and " + MAX_TEMPERATURE + ", got " + temperature);
    }
    Double topP = request.topP();
    if (topP != null && (topP < 0 || topP > 1)) {
      throw invalid("top_p", "top_p must be between 0 and 1, got " + topP);
    }
    outputTokens(request.maxTokens(), "max_tokens");
    outputTokens(request.maxCompletionTokens(), "max_completion_tokens");
    // max_completion_tokens is OpenAI's newer name for max_tokens; it wins when a client sends both.
    Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
    return ChatParams.newBuilder()
        .setTemperature(temperature)
        .setMaxTokens(maxTokens)
        .setTopP(topP)
        .setStop(stop(request.stop()))
        .setResponseFormat(responseFormat(request.responseFormat()))
        .build();
  }

  private static void outputTokens(Integer value, String param) {
    if (value != null && (value < 1 || value > MAX_OUTPUT_TOKENS)) {
      throw invalid(param, param + " must be between 1 and " + MAX_OUTPUT_TOKENS + ", got " + value);
    }
  }

  private static List<String> stop(JsonNode stop) {
    if (!isPresent(stop)) {
      return List.of();
    }
    if (stop.isString()) {
      return List.of(stop.stringValue());
    }
    if (!stop.isArray()) {
      throw invalid("stop", "stop must be a string or an array of strings");
    }
    if (stop.size() > MAX_STOP_SEQUENCES) {
      throw invalid("stop", "stop must have at most " + MAX_STOP_SEQUENCES + " sequences, got " + stop.size());
    }
    List<String> sequences = new ArrayList<>(stop.size());
    for (JsonNode sequence : stop) {
      if (!sequence.isString()) {
        throw invalid("stop", "stop must be a string or an array of strings");
      }
      sequences.add(sequence.stringValue());
    }
    return sequences;
  }

  private static String responseFormat(JsonNode format) {
    if (!isPresent(format)) {
      return null;
    }
    if (!format.isObject() || !format.path("type").isString()) {
      throw invalid("response_format", "response_format must be an object with a type");
    }
    String type = format.get("type").stringValue();
    if (!type.equals("text") && !type.equals("json_object")) {
      throw invalid("response_format",
          "response_format type '" + type + "' is not supported yet; use 'text' or 'json_object'");
    }
    return type;
  }

  private static String user(String user) {
    if (user != null && user.length() > MAX_USER_CHARS) {
      throw invalid("user", "user must be at most " + MAX_USER_CHARS + " characters");
    }
    return user;
  }

  private static Map<String, String> metadata(JsonNode metadata) {
    if (!isPresent(metadata)) {
      return Map.of();
    }
    if (!metadata.isObject()) {
      throw invalid("metadata", "metadata must be an object of string values");
    }
    if (metadata.size() > MAX_METADATA_PAIRS) {
      throw invalid("metadata", "metadata must have at most " + MAX_METADATA_PAIRS + " pairs, got " + metadata.size());
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> pair : metadata.properties()) {
      String param = "metadata." + pair.getKey();
      if (pair.getKey().length() > MAX_METADATA_KEY_CHARS) {
        throw invalid("metadata", "metadata keys must be at most " + MAX_METADATA_KEY_CHARS + " characters");
      }
      if (pair.getKey().startsWith(RESERVED_METADATA_PREFIX)) {
        throw invalid(param, "metadata keys starting with '" + RESERVED_METADATA_PREFIX
            + "' are reserved: Sluice sets them itself from the tenant's configuration");
      }
      if (!pair.getValue().isString()) {
        throw invalid(param, "metadata values must be strings");
      }
      if (pair.getValue().stringValue().length() > MAX_METADATA_VALUE_CHARS) {
        throw invalid(param, "metadata values must be at most " + MAX_METADATA_VALUE_CHARS + " characters");
      }
      result.put(pair.getKey(), pair.getValue().stringValue());
    }
    return result;
  }

  private static boolean isPresent(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  private static boolean isEmptyArray(JsonNode node) {
    return node.isArray() && node.isEmpty();
  }

  private static ApiErrorException invalid(String param, String message) {
    return ApiError.invalidRequest(param, message).toException();
  }
}
