package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Start-up settings of the simulator process, and the process itself from start to SIGTERM. */
class LlmSimulatorMainTest {

    @Test
    void defaultsToPort8090OnLoopbackWithoutLatency() {
        SimulatorSettings settings = LlmSimulatorMain.settingsFrom(List.of(), Map.of());

        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.latencyMs()).isZero();
        assertThat(settings.apiKey()).isEmpty();
    }

    @Test
    void takesSettingsFromTheEnvironmentAndThePortArgumentFirst() {
        SimulatorSettings settings = LlmSimulatorMain.settingsFrom(List.of("--port=9001"), Map.of(
                "SIM_PORT", "9000", "SIM_HOST", "0.0.0.0", "SIM_LATENCY_MS", "150",
                "SIM_API_KEY", "sk-local", "SIM_MODELS", "llama-3, qwen-2 ,"));

        assertThat(settings.port()).isEqualTo(9001);
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.latencyMs()).isEqualTo(150);
        assertThat(settings.apiKey()).contains("sk-local");
        assertThat(settings.extraModels()).containsExactly("llama-3", "qwen-2");
    }

    @Test
    void namesTheBadSetting() {
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of(), Map.of("SIM_LATENCY_MS", "soon")))
                .hasMessageContaining("SIM_LATENCY_MS");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of("--verbose"), Map.of()))
                .hasMessageContaining("--verbose");
        assertThatThrownBy(() -> LlmSimulatorMain.settingsFrom(List.of("--port=70000"), Map.of()))
                .hasMessageContaining("port");
    }

    @Test
    void runsAsAProcessAnnouncesItsUrlAndStopsOnSigterm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LlmSimulatorMain.class.getName(), "--port=0")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            Matcher announced = Pattern.compile("LLM simulator listening on (http://127\\.0\\.0\\.1:\\d+/v1)")
                    .matcher(Optional.ofNullable(line).orElse(""));
            assertThat(announced.matches()).as("first line: %s", line).isTrue();

            HttpResponse<String> models = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(announced.group(1) + "/models"))
                            .timeout(Duration.ofSeconds(10)).build(),
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
}
