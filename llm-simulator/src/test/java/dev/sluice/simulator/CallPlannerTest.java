package dev.sluice.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.fault.FaultRates;
import dev.sluice.simulator.latency.Latency;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPlannerTest {

    private static final FaultRates MIXED = new FaultRates(0.1, 0.2, 0.05, 0.15, 0.1);
    private static final SimulatorSettings SETTINGS = SimulatorSettings.defaults()
            .withFaultRates(MIXED)
            .withLatency(Latency.longTail(200, 2_000));

    @Test
    void keepsTheFaultSequenceThatEarlierVersionsGaveEachSeed() {
        // Recorded from the simulator before latency distributions and stream cuts existed; the worker's tests
        // rely on these sequences.
        CallPlanner planner = new CallPlanner();
        SimulatorSettings fourWay = SimulatorSettings.defaults().withSeed(11)
                .withFaultRates(new FaultRates(0.2, 0.2, 0.2, 0.2));

        assertThat(plans(planner, fourWay, 12)).extracting(CallPlan::fault).containsExactly(
                Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.MALFORMED, Fault.TIMEOUT,
                Fault.RATE_LIMIT, Fault.TIMEOUT, Fault.RATE_LIMIT, Fault.MALFORMED, Fault.SERVER_ERROR, Fault.NONE,
                Fault.RATE_LIMIT);

        planner.restart();
        SimulatorSettings halfThrottled = SimulatorSettings.defaults().withSeed(1)
                .withFaultRates(new FaultRates(0.5, 0, 0, 0));
        assertThat(plans(planner, halfThrottled, 2)).extracting(CallPlan::fault)
                .containsExactly(Fault.RATE_LIMIT, Fault.NONE);
    }

    @Test
    void repeatsFaultsLatenciesAndCutPointsAfterARestartAndDiffersWithTheSeed() {
        CallPlanner planner = new CallPlanner();

        List<CallPlan> first = plans(planner, SETTINGS.withSeed(5), 200);
        planner.restart();
        List<CallPlan> again = plans(planner, SETTINGS.withSeed(5), 200);
        planner.restart();
        List<CallPlan> otherSeed = plans(planner, SETTINGS.withSeed(6), 200);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).extracting(CallPlan::fault).isNotEqualTo(first.stream().map(CallPlan::fault).toList());
        assertThat(otherSeed).extracting(CallPlan::latencyMs)
                .isNotEqualTo(first.stream().map(CallPlan::latencyMs).toList());
        assertThat(otherSeed).extracting(CallPlan::cutPoint)
                .isNotEqualTo(first.stream().map(CallPlan::cutPoint).toList());
    }

    @Test
    void hitsEachFaultAboutAsOftenAsItsRate() {
        int calls = 20_000;
        Map<Fault, Integer> counts = new EnumMap<>(Fault.class);
        plans(new CallPlanner(), SETTINGS, calls).forEach(plan -> counts.merge(plan.fault(), 1, Integer::sum));

        assertThat(counts.get(Fault.RATE_LIMIT) / (double) calls).isBetween(0.09, 0.11);
        assertThat(counts.get(Fault.SERVER_ERROR) / (double) calls).isBetween(0.19, 0.21);
        assertThat(counts.get(Fault.TIMEOUT) / (double) calls).isBetween(0.04, 0.06);
        assertThat(counts.get(Fault.MALFORMED) / (double) calls).isBetween(0.14, 0.16);
        assertThat(counts.get(Fault.STREAM_CUT) / (double) calls).isBetween(0.09, 0.11);
        assertThat(counts.get(Fault.NONE) / (double) calls).isBetween(0.39, 0.41);
    }

    @Test
    void drawsLatenciesFromTheDistributionIndependentlyOfTheFaults() {
        List<CallPlan> plans = plans(new CallPlanner(), SETTINGS, 20_000);

        List<Long> sorted = plans.stream().map(CallPlan::latencyMs).sorted().toList();
        assertThat(sorted.get(sorted.size() / 2)).isBetween(190L, 210L);
        assertThat(sorted.get(sorted.size() * 99 / 100)).isBetween(1_800L, 2_200L);
        // The slowest tenth of calls gets each fault in about its usual share: latency does not follow the fault.
        List<CallPlan> slowest = plans.stream()
                .filter(plan -> plan.latencyMs() >= sorted.get(sorted.size() * 9 / 10)).toList();
        double serverErrors = slowest.stream().filter(plan -> plan.fault() == Fault.SERVER_ERROR).count()
                / (double) slowest.size();
        assertThat(serverErrors).isBetween(0.17, 0.23);
    }

    @Test
    void spreadsCutPointsOverTheUnitInterval() {
        List<Double> cutPoints = plans(new CallPlanner(), SETTINGS, 10_000).stream().map(CallPlan::cutPoint).toList();

        assertThat(cutPoints).allSatisfy(point -> assertThat(point).isGreaterThanOrEqualTo(0.0).isLessThan(1.0));
        assertThat(cutPoints.stream().filter(point -> point < 0.5).count()).isBetween(4_800L, 5_200L);
    }

    @Test
    void keepsOpenDrawsStrictlyInsideTheUnitInterval() {
        assertThat(CallPlanner.toOpenUnitInterval(0L)).isPositive();
        assertThat(CallPlanner.toOpenUnitInterval(-1L)).isLessThan(1.0);
        assertThat(CallPlanner.toUnitInterval(0L)).isZero();
        assertThat(CallPlanner.toUnitInterval(-1L)).isLessThan(1.0);
    }

    private static List<CallPlan> plans(CallPlanner planner, SimulatorSettings settings, int calls) {
        List<CallPlan> plans = new ArrayList<>(calls);
        for (int i = 0; i < calls; i++) {
            plans.add(planner.next(settings));
        }
        return plans;
    }
}
