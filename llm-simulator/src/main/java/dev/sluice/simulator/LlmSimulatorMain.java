package dev.sluice.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the simulator as a process until SIGTERM. Settings: {@code --port=N} or env {@code SIM_PORT} (default
 * 8090), env {@code SIM_HOST} (default 127.0.0.1), {@code SIM_LATENCY_MS} (default 0), {@code SIM_API_KEY}
 * (default none), {@code SIM_MODELS} (comma-separated extra model names).
 */
public final class LlmSimulatorMain {

    static final int DEFAULT_PORT = 8090;

    private LlmSimulatorMain() {
    }

    public static void main(String[] args) {
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
                .withLatencyMs(integer("SIM_LATENCY_MS", env.getOrDefault("SIM_LATENCY_MS", "0")))
                .withApiKey(Optional.ofNullable(env.get("SIM_API_KEY")).filter(key -> !key.isBlank()))
                .withExtraModels(extraModels);
    }

    private static int integer(String setting, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + " must be an integer but is '" + value + "'");
        }
    }
}
