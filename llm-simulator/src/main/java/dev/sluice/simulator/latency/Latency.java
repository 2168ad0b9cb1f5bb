package dev.sluice.simulator.latency;

import java.util.Objects;

/**
 * How long the simulator waits before it answers a chat completion call (for a stream: before its first chunk).
 * Every distribution has its median at {@code medianMs}; {@code stddevMs} is used by {@code NORMAL} only and
 * {@code p99Ms} by {@code LONG_TAIL} only, but both are kept whatever the distribution, so switching back and
 * forth at run time loses nothing (the factories set the one they do not use to 0).
 *
 * <p>A sample is a quantile: {@link #sampleMs(double)} maps a uniform draw {@code u} in (0, 1) through the
 * inverse distribution function, so the same draw always gives the same latency, and {@code sampleMs(0.99)} of
 * a long tail is its p99. With {@code z} the standard normal quantile of {@code u}:
 * <ul>
 *   <li>{@code FIXED}: {@code medianMs};</li>
 *   <li>{@code NORMAL}: {@code max(0, medianMs + stddevMs * z)};</li>
 *   <li>{@code LONG_TAIL}: {@code medianMs * exp(sigma * z)} with {@code sigma = ln(p99Ms / medianMs) / z99},
 *       {@code z99} being 2.3263..., the standard normal's 99th percentile;</li>
 * </ul>
 * rounded to whole milliseconds and capped at {@value #MAX_MS} ms, as the far tail of a log-normal is unbounded.
 *
 * @param distribution the shape
 * @param medianMs the median (for {@code NORMAL} also the mean), 0 to {@value #MAX_MS}
 * @param stddevMs the standard deviation of {@code NORMAL}, 0 to {@value #MAX_MS}
 * @param p99Ms the 99th percentile of {@code LONG_TAIL}, 0 to {@value #MAX_MS}; for {@code LONG_TAIL} at least
 *     {@code medianMs}, which must then be at least 1
 */
public record Latency(LatencyDistribution distribution, long medianMs, long stddevMs, long p99Ms) {

    /** One hour: no simulated call waits longer, and no setting may ask for more. */
    public static final long MAX_MS = 3_600_000;

    /** Answers at once. */
    public static final Latency NONE = fixed(0);

    public Latency {
        Objects.requireNonNull(distribution, "distribution");
        requireMilliseconds("latencyMs", medianMs);
        requireMilliseconds("latencyStddevMs", stddevMs);
        requireMilliseconds("latencyP99Ms", p99Ms);
        if (distribution == LatencyDistribution.LONG_TAIL && (medianMs < 1 || p99Ms < medianMs)) {
            throw new IllegalArgumentException("a longTail latency needs latencyMs (its median) of at least 1 and"
                    + " latencyP99Ms of at least latencyMs but has latencyMs " + medianMs + " and latencyP99Ms "
                    + p99Ms);
        }
    }

    public static Latency fixed(long ms) {
        return new Latency(LatencyDistribution.FIXED, ms, 0, 0);
    }

    public static Latency normal(long meanMs, long stddevMs) {
        return new Latency(LatencyDistribution.NORMAL, meanMs, stddevMs, 0);
    }

    public static Latency longTail(long medianMs, long p99Ms) {
        return new Latency(LatencyDistribution.LONG_TAIL, medianMs, 0, p99Ms);
    }

    /** The latency for the uniform draw {@code u}, which must lie strictly between 0 and 1. */
    public long sampleMs(double u) {
        double ms = switch (distribution) {
            case FIXED -> medianMs;
            case NORMAL -> Math.max(0.0, medianMs + stddevMs * StandardNormal.quantile(u));
            case LONG_TAIL -> medianMs * Math.exp(sigma() * StandardNormal.quantile(u));
        };
        return Math.min(MAX_MS, Math.round(ms));
    }

    public Latency withMedianMs(long newMedianMs) {
        return new Latency(distribution, newMedianMs, stddevMs, p99Ms);
    }

    private double sigma() {
        return Math.log((double) p99Ms / medianMs) / StandardNormal.Z_99;
    }

    private static void requireMilliseconds(String name, long value) {
        if (value < 0 || value > MAX_MS) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_MS + " but is " + value);
        }
    }
}
