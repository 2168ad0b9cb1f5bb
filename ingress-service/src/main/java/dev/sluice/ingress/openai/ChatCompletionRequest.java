package dev.sluice.ingress.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/chat/completions} as far as Sluice reads it. Fields whose JSON type varies in the
 * OpenAI API (content, stop, response_format, metadata) stay JSON trees so validation can name what is wrong;
 * other fields OpenAI defines (seed, penalties, logit_bias, …) are accepted and not carried.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(
    String model,
    List<RequestMessage> messages,
    Double temperature,
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
    @JsonProperty("top_p") Double topP,
    JsonNode stop,
    Boolean stream,
    Integer n,
    String user,
    @JsonProperty("response_format") JsonNode responseFormat,
    JsonNode metadata,
    JsonNode tools,
    JsonNode functions) {

  /** One message of the request: content is a string or an array of content parts. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RequestMessage(String role, JsonNode content, String name) {
  }
}
