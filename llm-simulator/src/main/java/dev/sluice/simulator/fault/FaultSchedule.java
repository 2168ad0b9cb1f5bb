package dev.sluice.simulator.fault;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the fault for each call from a seed and a call counter, so a run with the same seed and rates sees the
 * same faults in the same order: call {@code n} (counting from 0 since the last {@link #restart()}) gets
 * {@code rates.faultAt(u)} with {@code u = splitmix64(seed + n * 0x9E3779B97F4A7C15) / 2^64} in [0, 1).
 */
public final class FaultSchedule {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final AtomicLong calls = new AtomicLong();

    /** The fault for the next call. */
    public Fault next(long seed, FaultRates rates) {
        long n = calls.getAndIncrement();
        return rates.faultAt(unitInterval(seed, n));
    }

    /** Starts the sequence again from call 0. */
    public void restart() {
        calls.set(0);
    }

    static double unitInterval(long seed, long n) {
        long z = seed + n * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
