package dev.sluice.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain java.net.http calls against a running simulator, for what an OpenAI SDK would hide (status, headers). */
final class SimulatorHttp {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String rootUrl;

    SimulatorHttp(LlmSimulator simulator) {
        this.rootUrl = simulator.rootUrl();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send(request(path).PUT(BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).POST(BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> post(String path, String body, Duration timeout) throws IOException, InterruptedException {
        return send(request(path).timeout(timeout).POST(BodyPublishers.ofString(body)).build());
    }

    /** Answers as soon as the headers are in; the body is read from the stream as it arrives. */
    HttpResponse<InputStream> postForStream(String path, String body) throws IOException, InterruptedException {
        return client.send(request(path).POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofInputStream());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        return client.sendAsync(request(path).POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    static String chatBody(String model, String userMessage) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userMessage
                + "\"}]}";
    }

    /** A streaming chat request; with {@code includeUsage}, it asks for the usage chunk at the end. */
    static String streamingChatBody(String model, String userMessage, boolean includeUsage) {
        return "{\"model\":\"" + model + "\",\"stream\":true,"
                + (includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + userMessage + "\"}]}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(rootUrl + path))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString());
    }
}
