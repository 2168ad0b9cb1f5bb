package dev.sluice.simulator;

import dev.sluice.simulator.fault.FaultRates;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link LlmSimulator} behaves. Everything but {@code host} and {@code port} can change while it runs.
 *
 * @param host address to bind, {@code 127.0.0.1} by default
 * @param port port to bind; 0 picks a free one (the default)
 * @param latencyMs delay before every chat completion answer (and fault answer), 0 by default
 * @param faultRates shares of chat completion calls that get each fault, none by default
 * @param seed seed of the fault sequence (see {@link dev.sluice.simulator.fault.FaultSchedule})
 * @param timeoutHoldMs how long a call with the timeout fault is held before its connection is closed, 30 s
 * @param retryAfterSeconds value of the {@code Retry-After} header on 429 answers, 1 by default
 * @param apiKey when present, {@code /v1/*} requires {@code Authorization: Bearer <apiKey>}
 * @param extraModels model names listed by {@code GET /v1/models} after gpt-4o and gpt-4o-mini
 * @param recordLimit how many of the most recent calls are kept for {@link LlmSimulator#receivedCalls()}
 */
public record SimulatorSettings(
        String host,
        int port,
        long latencyMs,
        FaultRates faultRates,
        long seed,
        long timeoutHoldMs,
        int retryAfterSeconds,
        Optional<String> apiKey,
        List<String> extraModels,
        int recordLimit) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_TIMEOUT_HOLD_MS = 30_000;
    public static final int DEFAULT_RECORD_LIMIT = 10_000;

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(faultRates, "faultRates");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(extraModels, "extraModels");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but is " + port);
        }
        requireNotNegative("latencyMs", latencyMs);
        requireNotNegative("timeoutHoldMs", timeoutHoldMs);
        requireNotNegative("retryAfterSeconds", retryAfterSeconds);
        requireNotNegative("recordLimit", recordLimit);
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank when set");
        }
        extraModels = List.copyOf(extraModels);
        if (extraModels.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("extraModels must not contain blank names but is " + extraModels);
        }
    }

    /** Free port on 127.0.0.1, no latency, no faults, no API key, the last 10,000 calls recorded. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(DEFAULT_HOST, 0, 0, FaultRates.NONE, DEFAULT_SEED, DEFAULT_TIMEOUT_HOLD_MS,
                1, Optional.empty(), List.of(), DEFAULT_RECORD_LIMIT);
    }

    public SimulatorSettings withHost(String newHost) {
        return new SimulatorSettings(newHost, port, latencyMs, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(host, newPort, latencyMs, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withLatencyMs(long newLatencyMs) {
        return new SimulatorSettings(host, port, newLatencyMs, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withFaultRates(FaultRates newFaultRates) {
        return new SimulatorSettings(host, port, latencyMs, newFaultRates, seed, timeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(host, port, latencyMs, faultRates, newSeed, timeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withTimeoutHoldMs(long newTimeoutHoldMs) {
        return new SimulatorSettings(host, port, latencyMs, faultRates, seed, newTimeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withRetryAfterSeconds(int newRetryAfterSeconds) {
        return new SimulatorSettings(host, port, latencyMs, faultRates, seed, timeoutHoldMs, newRetryAfterSeconds,
                apiKey, extraModels, recordLimit);
    }

    /** Requires this key on {@code /v1/*}; an empty optional turns the check off. */
    public SimulatorSettings withApiKey(Optional<String> newApiKey) {
        return new SimulatorSettings(host, port, latencyMs, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                newApiKey, extraModels, recordLimit);
    }

    public SimulatorSettings withExtraModels(List<String> newExtraModels) {
        return new SimulatorSettings(host, port, latencyMs, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                apiKey, newExtraModels, recordLimit);
    }

    public SimulatorSettings withRecordLimit(int newRecordLimit) {
        return new SimulatorSettings(host, port, latencyMs, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                apiKey, extraModels, newRecordLimit);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative but is " + value);
        }
    }
}
