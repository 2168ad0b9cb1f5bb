package dev.sluice.simulator.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardNormalTest {

    @ParameterizedTest
    @CsvSource({
            "0.5, 0.0",
            "0.8413447460685429, 1.0",
            "0.975, 1.959963984540054",
            "0.99, 2.3263478740408408",
            "0.001, -3.090232306167813",
            "0.0000000001, -6.361340902404056"})
    void matchesTabulatedQuantiles(double p, double z) {
        assertThat(StandardNormal.quantile(p)).isCloseTo(z, within(1e-8 * Math.max(1, Math.abs(z))));
    }

    @Test
    void isSymmetricAroundTheMedian() {
        for (double p = 0.001; p < 0.5; p += 0.01) {
            assertThat(StandardNormal.quantile(1 - p)).isCloseTo(-StandardNormal.quantile(p), within(1e-9));
        }
    }

    @Test
    void knowsItsOwn99thPercentile() {
        assertThat(StandardNormal.quantile(0.99)).isCloseTo(StandardNormal.Z_99, within(1e-8));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.1, Double.NaN})
    void refusesProbabilitiesOutsideTheOpenUnitInterval(double p) {
        assertThatThrownBy(() -> StandardNormal.quantile(p)).isInstanceOf(IllegalArgumentException.class);
    }
}
