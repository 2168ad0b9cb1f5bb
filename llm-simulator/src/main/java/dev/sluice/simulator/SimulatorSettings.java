package dev.sluice.simulator;

import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.latency.Latency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How an {@link LlmSimulator} behaves. Everything but {@code host} and {@code port} can change while it runs.
 *
 * @param host address to bind, {@code 127.0.0.1} by default
 * @param port port to bind; 0 picks a free one (the default)
 * @param latency delay before every chat completion answer (and fault answer; for a stream, before its first
 *     chunk), drawn per call from the seed; none by default
 * @param faultRates shares of chat completion calls that get each fault, none by default
 * @param seed seed of the per-call draws: fault, latency and where a stream is cut (see {@code CallPlanner})
 * @param timeoutHoldMs how long a call with the timeout fault is held before its connection is closed, 30 s
 * @param retryAfterSeconds value of the {@code Retry-After} header on 429 answers, 1 by default
 * @param tokensPerSecond pace of streamed answers, one content chunk per token; 0 (the default) sends a whole
 *     stream at once, otherwise from {@value #MIN_TOKENS_PER_SECOND} to {@value #MAX_TOKENS_PER_SECOND}
 * @param apiKey when present, {@code /v1/*} requires {@code Authorization: Bearer <apiKey>}
 * @param extraModels model names listed by {@code GET /v1/models} after gpt-4o and gpt-4o-mini
 * @param recordLimit how many of the most recent calls are kept for {@link LlmSimulator#receivedCalls()}
 * @param reasoningTokens reasoning tokens every answer reports, as a reasoning model would: counted in
 *     {@code completion_tokens} on top of the visible answer (and not cut by {@code max_tokens}) and reported as
 *     {@code completion_tokens_details.reasoning_tokens}; 0, the default, reports no completion token details
 */
public record SimulatorSettings(
        String host,
        int port,
        Latency latency,
        FaultRates faultRates,
        long seed,
        long timeoutHoldMs,
        int retryAfterSeconds,
        double tokensPerSecond,
        Optional<String> apiKey,
        List<String> extraModels,
        int recordLimit,
        int reasoningTokens) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_SEED = 42;
    public static final long DEFAULT_TIMEOUT_HOLD_MS = 30_000;
    public static final int DEFAULT_RECORD_LIMIT = 10_000;
    /** The slowest pace: a token every 10 seconds. */
    public static final double MIN_TOKENS_PER_SECOND = 0.1;
    public static final double MAX_TOKENS_PER_SECOND = 1_000_000;

    public SimulatorSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(faultRates, "faultRates");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(extraModels, "extraModels");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but is " + port);
        }
        requireNotNegative("timeoutHoldMs", timeoutHoldMs);
        requireNotNegative("retryAfterSeconds", retryAfterSeconds);
        requireNotNegative("recordLimit", recordLimit);
        requireNotNegative("reasoningTokens", reasoningTokens);
        if (tokensPerSecond != 0
                && !(tokensPerSecond >= MIN_TOKENS_PER_SECOND && tokensPerSecond <= MAX_TOKENS_PER_SECOND)) {
            throw new IllegalArgumentException("tokensPerSecond must be 0 (no pacing) or between "
                    + MIN_TOKENS_PER_SECOND + " and " + MAX_TOKENS_PER_SECOND + " but is " + tokensPerSecond);
        }
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank when set");
        }
        extraModels = List.copyOf(extraModels);
        if (extraModels.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("extraModels must not contain blank names but is " + extraModels);
        }
    }

    /**
     * Free port on 127.0.0.1, no latency, no faults, streams sent at once, no API key, the last 10,000 calls
     * recorded, no reasoning tokens.
     */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(DEFAULT_HOST, 0, Latency.NONE, FaultRates.NONE, DEFAULT_SEED,
                DEFAULT_TIMEOUT_HOLD_MS, 1, 0, Optional.empty(), List.of(), DEFAULT_RECORD_LIMIT, 0);
    }

    /** The median latency: for a fixed latency, the latency. */
    public long latencyMs() {
        return latency.medianMs();
    }

    public SimulatorSettings withHost(String newHost) {
        return new SimulatorSettings(newHost, port, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withPort(int newPort) {
        return new SimulatorSettings(host, newPort, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    /** Moves the median latency and keeps the distribution (a fixed latency by default). */
    public SimulatorSettings withLatencyMs(long newLatencyMs) {
        return withLatency(latency.withMedianMs(newLatencyMs));
    }

    public SimulatorSettings withLatency(Latency newLatency) {
        return new SimulatorSettings(host, port, newLatency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withFaultRates(FaultRates newFaultRates) {
        return new SimulatorSettings(host, port, latency, newFaultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withSeed(long newSeed) {
        return new SimulatorSettings(host, port, latency, faultRates, newSeed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withTimeoutHoldMs(long newTimeoutHoldMs) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, newTimeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withRetryAfterSeconds(int newRetryAfterSeconds) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, timeoutHoldMs, newRetryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withTokensPerSecond(double newTokensPerSecond) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                newTokensPerSecond, apiKey, extraModels, recordLimit, reasoningTokens);
    }

    /** Requires this key on {@code /v1/*}; an empty optional turns the check off. */
    public SimulatorSettings withApiKey(Optional<String> newApiKey) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, newApiKey, extraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withExtraModels(List<String> newExtraModels) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, newExtraModels, recordLimit, reasoningTokens);
    }

    public SimulatorSettings withRecordLimit(int newRecordLimit) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, newRecordLimit, reasoningTokens);
    }

    public SimulatorSettings withReasoningTokens(int newReasoningTokens) {
        return new SimulatorSettings(host, port, latency, faultRates, seed, timeoutHoldMs, retryAfterSeconds,
                tokensPerSecond, apiKey, extraModels, recordLimit, newReasoningTokens);
    }

    /** Time between two streamed tokens, 0 when streams are not paced. */
    long tokenIntervalNanos() {
        return tokensPerSecond == 0 ? 0 : Math.round(1e9 / tokensPerSecond);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative but is " + value);
        }
    }
}
