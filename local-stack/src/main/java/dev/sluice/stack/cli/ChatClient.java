package dev.sluice.stack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one chat prompt to Sluice's OpenAI-compatible HTTP API, as any OpenAI client would. */
public final class ChatClient {

  /** The documented key of the local stack's demo tenant. */
  public static final String DEMO_KEY = "sk-sluice-demo";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;

  public ChatClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** What came back: HTTP status, Sluice's headers and the JSON body. */
  public record Reply(int status, String requestId, String cache, String model, long costNanos, JsonNode body) {

    /** The assistant's text, or the error message. */
    public String text() {
      if (body.has("choices")) {
        return body.path("choices").path(0).path("message").path("content").asText();
      }
      return body.path("error").path("message").asText();
    }

    public String errorCode() {
      return body.path("error").path("code").asText("");
    }
  }

  public Reply send(String model, String prompt) throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode();
    request.put("model", model);
    request.put("temperature", 0);
    ArrayNode messages = request.putArray("messages");
    messages.addObject().put("role", "user").put("content", prompt);
    HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
        .build();
    HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Reply(response.statusCode(),
        response.headers().firstValue("x-sluice-request-id").orElse(""),
        response.headers().firstValue("x-sluice-cache").orElse(""),
        response.headers().firstValue("x-sluice-model").orElse(""),
        response.headers().firstValueAsLong("x-sluice-cost-nanos").orElse(0L),
        body);
  }
}
