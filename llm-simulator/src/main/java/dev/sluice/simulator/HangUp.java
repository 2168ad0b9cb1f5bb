package dev.sluice.simulator;

/** No answer at all: the connection is held for {@code holdMs}, then closed, as by a provider that timed out. */
record HangUp(long holdMs) implements Answer {

    HangUp {
        if (holdMs < 0) {
            throw new IllegalArgumentException("holdMs must not be negative but is " + holdMs);
        }
    }
}
