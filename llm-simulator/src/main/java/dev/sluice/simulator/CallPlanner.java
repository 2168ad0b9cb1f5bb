package dev.sluice.simulator;

import dev.sluice.simulator.fault.FaultRates;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers the chat completion calls and draws each one's {@link CallPlan} from the seed and that number, so a
 * run with the same seed and settings sees the same faults, latencies and cuts in the same order.
 *
 * <p>Call {@code n} (counting from 0 since the last {@link #restart()}) draws from SplitMix64 streams, where
 * stream {@code s} gives {@code splitmix64(s + n * 0x9E3779B97F4A7C15)}. Its fault is
 * {@link FaultRates#faultAt(double) rates.faultAt(u)} with {@code u} from stream {@code seed} scaled to [0, 1)
 * (the sequence the simulator has always used); its latency is {@code latency.sampleMs} of the draw from stream
 * {@code seed + 0xD1B54A32D192ED03} scaled into (0, 1); its cut point is the draw from stream
 * {@code seed + 2 * 0xD1B54A32D192ED03} scaled to [0, 1).
 */
final class CallPlanner {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /**
     * Separates the streams of one seed: each is the fault stream shifted by more than 2^60 calls, so no run
     * ever draws the same value for two purposes.
     */
    private static final long STREAM_STEP = 0xD1B54A32D192ED03L;

    private final AtomicLong calls = new AtomicLong();

    /** The plan of the next call. */
    CallPlan next(SimulatorSettings settings) {
        long n = calls.getAndIncrement();
        long seed = settings.seed();
        return new CallPlan(
                settings.faultRates().faultAt(unitInterval(seed, n)),
                settings.latency().sampleMs(openUnitInterval(seed + STREAM_STEP, n)),
                unitInterval(seed + 2 * STREAM_STEP, n));
    }

    /** Starts the numbering again from call 0. */
    void restart() {
        calls.set(0);
    }

    /** The draw of call {@code n} from {@code stream}, in [0, 1). */
    static double unitInterval(long stream, long n) {
        return toUnitInterval(mix(stream, n));
    }

    /** The draw of call {@code n} from {@code stream}, in (0, 1), for quantile functions infinite at 0 and 1. */
    static double openUnitInterval(long stream, long n) {
        return toOpenUnitInterval(mix(stream, n));
    }

    /** The top 53 bits as a fraction: one of 2^53 evenly spaced points from 0 up to just below 1. */
    static double toUnitInterval(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /**
     * The top 52 bits as the middle of one of 2^52 equal cells of [0, 1), never 0 or 1 (with 53 bits, the last
     * middle would round up to 1).
     */
    static double toOpenUnitInterval(long bits) {
        return ((bits >>> 12) + 0.5) * 0x1.0p-52;
    }

    private static long mix(long stream, long n) {
        long z = stream + n * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
