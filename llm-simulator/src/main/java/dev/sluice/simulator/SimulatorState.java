package dev.sluice.simulator;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** What the endpoints of one simulator share: its live settings, its call plans and its recorded calls. */
final class SimulatorState {

    private final AtomicReference<SimulatorSettings> settings;
    private final CallPlanner planner = new CallPlanner();
    private final CallRecorder recorder = new CallRecorder();

    SimulatorState(SimulatorSettings initial) {
        settings = new AtomicReference<>(initial);
    }

    SimulatorSettings settings() {
        return settings.get();
    }

    /**
     * Applies a change atomically and restarts the call numbering, so the calls after a change see the same
     * faults and latencies on every run. The address the server is bound to cannot change.
     */
    SimulatorSettings update(UnaryOperator<SimulatorSettings> change) {
        SimulatorSettings updated = settings.updateAndGet(current -> {
            SimulatorSettings next = change.apply(current);
            if (!next.host().equals(current.host()) || next.port() != current.port()) {
                throw new IllegalArgumentException("host and port are fixed once the simulator runs");
            }
            return next;
        });
        planner.restart();
        return updated;
    }

    CallPlan nextCall(SimulatorSettings current) {
        return planner.next(current);
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
