package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.simulator.latency.Latency;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Start-up settings of the simulator process, and the process itself from start to SIGTERM. */
class LlmSimulatorMainTest {

    private static final Pattern ANNOUNCEMENT =
            Pattern.compile("LLM simulator listening on (http://127\\.0\\.0\\.1:\\d+/v1)");

    @Test
    void defaultsToPort8090OnLoopbackWithoutLatency() {
        SimulatorSettings settings = LlmSimulatorMain.settingsFrom(List.of(), Map.of());

        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.latency()).isEqualTo(Latency.NONE);
        assertThat(settings.tokensPerSecond()).isZero();
        assertThat(settings.seed()).isEqualTo(42);
        assertThat(settings.apiKey()).isEmpty();
    }

    @Test
    void takesSettingsFromTheEnvironmentAndThePortArgumentFirst() {
        SimulatorSettings settings = LlmSimulatorMain.settingsFrom(List.of("--port=9001"), Map.of(
                "SIM_PORT", "9000", "SIM_HOST", "0.0.0.0", "SIM_LATENCY_MS", "150",
                "SIM_API_KEY", "sk-local", "SIM_MODELS", "llama-3, qwen-2 ,"));

        assertThat(settings.port()).isEqualTo(9001);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.latency()).isEqualTo(Latency.fixed(150));
        assertThat(settings.apiKey()).contains("sk-local");
        assertThat(settings.extraModels()).containsExactly("llama-3", "qwen-2");
    }

    @Test
    void takesTheLatencyDistributionThePaceAndTheSeedFromTheEnvironment() {
        SimulatorSettings settings = LlmSimulatorMain.settingsFrom(List.of(), Map.of(
                "SIM_LATENCY_DISTRIBUTION", "longTail", "SIM_LATENCY_MS", "800", "SIM_LATENCY_P99_MS", "6000",
                "SIM_TOKENS_PER_SECOND", "35.5", "SIM_SEED", "-7", "SIM_REASONING_TOKENS", "64"));

        assertThat(settings.latency()).isEqualTo(Latency.longTail(800, 6_000));
        assertThat(settings.reasoningTokens()).isEqualTo(64);
        assertThat(settings.tokensPerSecond()).isEqualTo(35.5);
        assertThat(settings.seed()).isEqualTo(-7);
    }

    @Test
    void namesTheBadSetting() {
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of(), Map.of("SIM_LATENCY_MS", "soon")))
                .hasMessageContaining("SIM_LATENCY_MS");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of("--verbose"), Map.of()))
                .hasMessageContaining("--verbose");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of("--port=70000"), Map.of()))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of(), Map.of("SIM_TOKENS_PER_SECOND", "fast")))
                .hasMessageContaining("SIM_TOKENS_PER_SECOND");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of(), Map.of("SIM_REASONING_TOKENS", "-3")))
                .hasMessageContaining("reasoningTokens");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of(),
                Map.of("SIM_LATENCY_DISTRIBUTION", "longTail", "SIM_LATENCY_MS", "100")))
                .hasMessageContaining("SIM_LATENCY_P99_MS").hasMessageContaining("latencyP99Ms of at least");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of(),
                Map.of("SIM_LATENCY_DISTRIBUTION", "uniform")))
                .hasMessageContaining("SIM_LATENCY_DISTRIBUTION").hasMessageContaining("uniform");
    }

    @Test
    void runsAsAProcessAnnouncesItsUrlAndStopsOnSigterm() throws Exception {
        Process process = startProcess(List.of(), Map.of());
        try {
            String baseUrl = announcedBaseUrl(process);

            HttpResponse<String> models = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/models")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(200);
            assertThat(models.body()).contains("gpt-4o-mini");

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(143);
        } finally {
            process.destroyForcibly();
        }
    }

    /** The load of the worker's benchmark, against the process as the local stack runs it but with a small heap. */
    @Test
    void holdsTwoThousandCallsOfTwoSecondsAtOnceInA32MegabyteHeap() throws Exception {
        int calls = 2_000;
        Process process = startProcess(List.of("-Xmx32m"), Map.of("SIM_LATENCY_MS", "2000"));
        ExecutorService clientThreads = Executors.newFixedThreadPool(2);
        try {
            String baseUrl = announcedBaseUrl(process);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(clientThreads).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                        .timeout(Duration.ofSeconds(90))
                        .POST(HttpRequest.BodyPublishers.ofString(SimulatorHttp.chatBody("gpt-4o", "call " + i)))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < calls; i++) {
                HttpResponse<String> answer = answers.get(i).join();
                assertThat(answer.statusCode()).as("call %d", i).isEqualTo(200);
                assertThat(json.readTree(answer.body()).at("/choices/0/message/content").asText())
                        .isEqualTo("Simulated answer to: call " + i);
            }
            assertThat(process.isAlive()).isTrue();
        } finally {
            clientThreads.shutdownNow();
            process.destroyForcibly();
        }
    }

    private static Process startProcess(List<String> jvmOptions, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LlmSimulatorMain.class.getName(),
                "--port=0"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Reads the process's output up to its announcement and returns the announced base URL. */
    private static String announcedBaseUrl(Process process) throws Exception {
        BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher announced = ANNOUNCEMENT.matcher(line);
            if (announced.matches()) {
                return announced.group(1);
            }
            lines.add(line);
        }
        throw new AssertionError("the simulator ended without announcing its URL; it printed " + lines);
    }
}
