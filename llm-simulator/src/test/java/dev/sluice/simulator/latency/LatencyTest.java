package dev.sluice.simulator.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencyTest {

    /** Evenly spread draws: their samples have the distribution's quantiles, with no randomness at all. */
    private static final int DRAWS = 100_000;

    @Test
    void fixedIsAlwaysItsValue() {
        Latency fixed = Latency.fixed(250);

        assertThat(samples(fixed)).containsOnly(250L);
    }

    @Test
    void normalHasItsMeanAndStandardDeviation() {
        long[] samples = samples(Latency.normal(1_000, 200));

        double mean = Arrays.stream(samples).average().orElseThrow();
        double variance = Arrays.stream(samples).mapToDouble(s -> (s - mean) * (s - mean)).sum() / samples.length;
        assertThat(mean).isCloseTo(1_000, within(2.0));
        assertThat(Math.sqrt(variance)).isCloseTo(200, within(2.0));
    }

    @Test
    void normalIsClampedAtZero() {
        long[] samples = samples(Latency.normal(100, 80));

        assertThat(Arrays.stream(samples).min().orElseThrow()).isZero();
        // Everything below 0.5 ms rounds to 0: P(N(100, 80) < 0.5) = P(Z < -1.24375) = 0.10680
        double zeros = Arrays.stream(samples).filter(s -> s == 0).count() / (double) samples.length;
        assertThat(zeros).isCloseTo(0.1068, within(0.0005));
    }

    @Test
    void longTailHasItsMedianAndItsP99() {
        Latency longTail = Latency.longTail(200, 3_000);

        assertThat(longTail.sampleMs(0.5)).isEqualTo(200);
        assertThat(longTail.sampleMs(0.99)).isEqualTo(3_000);
        long[] samples = samples(longTail);
        Arrays.sort(samples);
        assertThat(samples[DRAWS / 2]).isCloseTo(200, within(1L));
        assertThat(samples[DRAWS * 99 / 100]).isCloseTo(3_000, within(2L));
        assertThat(samples[DRAWS - 1]).as("the slowest call of 100,000").isGreaterThan(10_000);
        assertThat(Arrays.stream(samples).min().orElseThrow()).isPositive();
    }

    @Test
    void neverWaitsLongerThanAnHour() {
        Latency wild = Latency.longTail(1, Latency.MAX_MS);

        assertThat(wild.sampleMs(1 - 1e-12)).isEqualTo(Latency.MAX_MS);
    }

    @Test
    void keepsTheParametersItDoesNotUseWhenItsMedianMoves() {
        Latency longTail = Latency.longTail(100, 900).withMedianMs(300);

        assertThat(longTail).isEqualTo(new Latency(LatencyDistribution.LONG_TAIL, 300, 0, 900));
    }

    @Test
    void refusesParametersThatMakeNoDistribution() {
        assertThatThrownBy(() -> Latency.fixed(-1)).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> Latency.normal(10, Latency.MAX_MS + 1)).hasMessageContaining("latencyStddevMs");
        assertThatThrownBy(() -> Latency.longTail(0, 100)).hasMessageContaining("longTail")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Latency.longTail(500, 100)).hasMessageContaining("latencyP99Ms of at least");
        assertThatThrownBy(() -> new Latency(null, 0, 0, 0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void knowsEachDistributionByItsConfigName() {
        assertThat(LatencyDistribution.fromConfigName("longTail")).isEqualTo(LatencyDistribution.LONG_TAIL);
        assertThat(LatencyDistribution.fromConfigName("normal")).isEqualTo(LatencyDistribution.NORMAL);
        assertThatThrownBy(() -> LatencyDistribution.fromConfigName("LONG_TAIL"))
                .hasMessageContaining("[fixed, normal, longTail]");
    }

    private static long[] samples(Latency latency) {
        long[] samples = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            samples[i] = latency.sampleMs((i + 0.5) / DRAWS);
        }
        return samples;
    }
}
