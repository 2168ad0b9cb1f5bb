package dev.sluice.simulator;

import dev.sluice.simulator.fault.Fault;
import java.util.Objects;

/**
 * What the simulator does with one chat completion call, drawn before it answers.
 *
 * @param fault the fault, {@link Fault#NONE} for an ordinary answer
 * @param latencyMs how long the answer waits (for a stream: its first chunk)
 * @param cutPoint in [0, 1): how far into a {@link Fault#STREAM_CUT} answer the connection is closed
 */
record CallPlan(Fault fault, long latencyMs, double cutPoint) {

    CallPlan {
        Objects.requireNonNull(fault, "fault");
    }
}
