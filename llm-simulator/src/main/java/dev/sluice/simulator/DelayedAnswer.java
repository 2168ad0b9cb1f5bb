package dev.sluice.simulator;

import java.util.Objects;

/** An answer carried out {@code delayMs} after the request was read: the simulated latency. */
record DelayedAnswer(long delayMs, Answer answer) implements Answer {

    DelayedAnswer {
        Objects.requireNonNull(answer, "answer");
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must not be negative but is " + delayMs);
        }
    }
}
