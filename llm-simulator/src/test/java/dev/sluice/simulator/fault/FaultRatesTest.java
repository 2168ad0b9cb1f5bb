package dev.sluice.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FaultRatesTest {

    private static final FaultRates MIXED = new FaultRates(0.1, 0.2, 0.05, 0.15, 0.1);

    @Test
    void splitsTheUnitIntervalInTheDocumentedOrder() {
        assertThat(MIXED.faultAt(0.0)).isEqualTo(Fault.RATE_LIMIT);
        assertThat(MIXED.faultAt(0.0999)).isEqualTo(Fault.RATE_LIMIT);
        assertThat(MIXED.faultAt(0.1)).isEqualTo(Fault.SERVER_ERROR);
        assertThat(MIXED.faultAt(0.32)).isEqualTo(Fault.TIMEOUT);
        assertThat(MIXED.faultAt(0.4)).isEqualTo(Fault.MALFORMED);
        assertThat(MIXED.faultAt(0.51)).isEqualTo(Fault.STREAM_CUT);
        assertThat(MIXED.faultAt(0.5999)).isEqualTo(Fault.STREAM_CUT);
        assertThat(MIXED.faultAt(0.6001)).isEqualTo(Fault.NONE);
        assertThat(MIXED.faultAt(0.9999)).isEqualTo(Fault.NONE);
    }

    @Test
    void givesNoFaultsWhenAllRatesAreZeroAndOnlyTheOneWhoseRateIsOne() {
        assertThat(FaultRates.NONE.faultAt(0.0)).isEqualTo(Fault.NONE);
        assertThat(new FaultRates(0, 0, 0, 0, 1).faultAt(0.9999)).isEqualTo(Fault.STREAM_CUT);
        assertThat(new FaultRates(0, 0, 1, 0).faultAt(0.0)).isEqualTo(Fault.TIMEOUT);
    }

    @Test
    void keepsTheFourRateFormWithoutStreamCuts() {
        assertThat(new FaultRates(0.1, 0.2, 0.3, 0.4)).isEqualTo(new FaultRates(0.1, 0.2, 0.3, 0.4, 0));
    }

    @Test
    void refusesRatesOutsideZeroToOneOrAddingUpBeyondOne() {
        assertThatThrownBy(() -> new FaultRates(-0.1, 0, 0, 0)).hasMessageContaining("rate429");
        assertThatThrownBy(() -> new FaultRates(0, Double.NaN, 0, 0)).hasMessageContaining("rate500");
        assertThatThrownBy(() -> new FaultRates(0, 0, 0, 0, 1.5)).hasMessageContaining("rateStreamCut");
        assertThatThrownBy(() -> new FaultRates(0.5, 0.3, 0, 0, 0.3)).hasMessageContaining("at most 1");
    }
}
