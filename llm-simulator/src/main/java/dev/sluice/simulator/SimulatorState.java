package dev.sluice.simulator;

import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.fault.FaultSchedule;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** What the endpoints of one simulator share: its live settings, its fault sequence and its recorded calls. */
final class SimulatorState {

    private final AtomicReference<SimulatorSettings> settings;
    private final FaultSchedule faults = new FaultSchedule();
    private final CallRecorder recorder = new CallRecorder();

    SimulatorState(SimulatorSettings initial) {
        settings = new AtomicReference<>(initial);
    }

    SimulatorSettings settings() {
        return settings.get();
    }

    /**
     * Applies a change atomically and restarts the fault sequence, so the calls after a change see the same
     * faults on every run. The address the server is bound to cannot change.
     */
    SimulatorSettings update(UnaryOperator<SimulatorSettings> change) {
        SimulatorSettings updated = settings.updateAndGet(current -> {
            SimulatorSettings next = change.apply(current);
            if (!next.host().equals(current.host()) || next.port() != current.port()) {
                throw new IllegalArgumentException("host and port are fixed once the simulator runs");
            }
            return next;
        });
        faults.restart();
        return updated;
    }

    Fault nextFault(SimulatorSettings current) {
        return faults.next(current.seed(), current.faultRates());
    }

    void record(RecordedCall call) {
        recorder.record(call, settings.get().recordLimit());
    }

    List<RecordedCall> receivedCalls() {
        return recorder.snapshot();
    }

    void clearReceived() {
        recorder.clear();
    }
}
