package dev.sluice.simulator;

import dev.sluice.simulator.latency.Latency;
import dev.sluice.simulator.latency.LatencyDistribution;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a process until SIGTERM. Settings: {@code --port=N} or env {@code SIM_PORT} (default
 * 8090), env {@code SIM_HOST} (default 127.0.0.1), {@code SIM_LATENCY_MS} (median latency, default 0),
 * {@code SIM_LATENCY_DISTRIBUTION} ({@code fixed}, the default, {@code normal} or {@code longTail}),
 * {@code SIM_LATENCY_STDDEV_MS} (for normal), {@code SIM_LATENCY_P99_MS} (for longTail),
 * {@code SIM_TOKENS_PER_SECOND} (stream pace, default 0: unpaced), {@code SIM_SEED} (default 42),
 * {@code SIM_API_KEY} (default none), {@code SIM_MODELS} (comma-separated extra model names),
 * {@code SIM_REASONING_TOKENS} (reasoning tokens every answer reports, default 0). Everything but
 * host and port can be changed later through {@code PUT /sim/config}.
 */
public final class LlmSimulatorMain {

    static final int DEFAULT_PORT = 8090;

    private LlmSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorSettings settings;
        try {
            settings = settingsFrom(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("LLM simulator not started: " + e.getMessage());
            System.exit(2);
            return;
        }
        LlmSimulator simulator = LlmSimulator.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "llm-sim-shutdown"));
        System.out.println("LLM simulator listening on " + simulator.baseUrl());
        // The server's threads are daemons (a test that forgets to close a simulator must not hang its JVM), so
        // this thread keeps the process alive until SIGTERM runs the hook.
        new CountDownLatch(1).await();
    }

    /** The settings for these arguments and environment; a bad value fails naming the setting. */
    static SimulatorSettings settingsFrom(List<String> args, Map<String, String> env) {
        String port = env.getOrDefault("SIM_PORT", Integer.toString(DEFAULT_PORT));
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = arg.substring("--port=".length());
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; the only argument is --port=N");
            }
        }
        List<String> extraModels = Arrays.stream(env.getOrDefault("SIM_MODELS", "").split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .toList();
        return SimulatorSettings.defaults()
                .withHost(env.getOrDefault("SIM_HOST", SimulatorSettings.DEFAULT_HOST))
                .withPort(integer("port (--port or SIM_PORT)", port))
                .withLatency(latency(env))
                .withTokensPerSecond(
                        number("SIM_TOKENS_PER_SECOND", env.getOrDefault("SIM_TOKENS_PER_SECOND", "0")))
                .withSeed(longInteger("SIM_SEED", env.getOrDefault("SIM_SEED",
                        Long.toString(SimulatorSettings.DEFAULT_SEED))))
                .withApiKey(Optional.ofNullable(env.get("SIM_API_KEY")).filter(key -> !key.isBlank()))
                .withExtraModels(extraModels)
                .withReasoningTokens(integer("SIM_REASONING_TOKENS", env.getOrDefault("SIM_REASONING_TOKENS", "0")));
    }

    private static Latency latency(Map<String, String> env) {
        String distribution = env.getOrDefault("SIM_LATENCY_DISTRIBUTION", "fixed").strip();
        int medianMs = integer("SIM_LATENCY_MS", env.getOrDefault("SIM_LATENCY_MS", "0"));
        int stddevMs = integer("SIM_LATENCY_STDDEV_MS", env.getOrDefault("SIM_LATENCY_STDDEV_MS", "0"));
        int p99Ms = integer("SIM_LATENCY_P99_MS", env.getOrDefault("SIM_LATENCY_P99_MS", "0"));
        try {
            return new Latency(LatencyDistribution.fromConfigName(distribution), medianMs, stddevMs, p99Ms);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SIM_LATENCY_DISTRIBUTION, SIM_LATENCY_MS, SIM_LATENCY_STDDEV_MS and"
                    + " SIM_LATENCY_P99_MS do not make a latency: " + e.getMessage(), e);
        }
    }

    private static int integer(String setting, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be an integer but is '" + value + "'");
        }
    }

    private static long longInteger(String setting, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be an integer but is '" + value + "'");
        }
    }

    private static double number(String setting, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be a number but is '" + value + "'");
        }
    }
}
