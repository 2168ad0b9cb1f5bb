package dev.sluice.simulator.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    private static final FaultRates MIXED = new FaultRates(0.1, 0.2, 0.05, 0.15);

    @Test
    void givesNoFaultsWhenAllRatesAreZero() {
        FaultSchedule schedule = new FaultSchedule();

        assertThat(draw(schedule, 1, FaultRates.NONE, 1_000)).containsOnly(Fault.NONE);
    }

    @Test
    void givesOnlyTheFaultWhoseRateIsOne() {
        FaultSchedule schedule = new FaultSchedule();

        assertThat(draw(schedule, 1, new FaultRates(0, 0, 1, 0), 1_000)).containsOnly(Fault.TIMEOUT);
    }

    @Test
    void repeatsItsSequenceAfterARestartAndDiffersWithTheSeed() {
        FaultSchedule schedule = new FaultSchedule();

        List<Fault> first = draw(schedule, 5, MIXED, 200);
        schedule.restart();
        List<Fault> again = draw(schedule, 5, MIXED, 200);
        schedule.restart();
        List<Fault> otherSeed = draw(schedule, 6, MIXED, 200);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void hitsEachFaultAboutAsOftenAsItsRate() {
        int calls = 20_000;
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        draw(new FaultSchedule(), 42, MIXED, calls).forEach(f -> counts.merge(f, 1, Integer::sum));

        assertThat(counts.get(Fault.RATE_LIMIT) / (double) calls).isBetween(0.09, 0.11);
        assertThat(counts.get(Fault.SERVER_ERROR) / (double) calls).isBetween(0.19, 0.21);
        assertThat(counts.get(Fault.TIMEOUT) / (double) calls).isBetween(0.04, 0.06);
        assertThat(counts.get(Fault.MALFORMED) / (double) calls).isBetween(0.14, 0.16);
        assertThat(counts.get(Fault.NONE) / (double) calls).isBetween(0.49, 0.51);
    }

    @Test
    void refusesRatesOutsideZeroToOneOrAddingUpBeyondOne() {
        assertThatThrownBy(() -> new FaultRates(-0.1, 0, 0, 0)).hasMessageContaining("rate429");
        assertThatThrownBy(() -> new FaultRates(0, Double.NaN, 0, 0)).hasMessageContaining("rate500");
        assertThatThrownBy(() -> new FaultRates(0.5, 0.3, 0.3, 0)).hasMessageContaining("at most 1");
    }

    private static List<Fault> draw(FaultSchedule schedule, long seed, FaultRates rates, int calls) {
        List<Fault> faults = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            faults.add(schedule.next(seed, rates));
        }
        return faults;
    }
}
