package dev.sluice.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A 200 answer sent as a chunked body in parts, {@code intervalNanos} apart (0: all at once). When
 * {@code partsToSend} is less than the number of parts, the connection is closed after that many, before the
 * body's end, so any HTTP client sees the answer fail midway.
 */
record PacedAnswer(String contentType, List<byte[]> parts, int partsToSend, long intervalNanos) implements Answer {

    PacedAnswer {
        Objects.requireNonNull(contentType, "contentType");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a paced answer needs at least one part");
        }
        if (partsToSend < 1 || partsToSend > parts.size()) {
            throw new IllegalArgumentException(
                    "partsToSend must be between 1 and " + parts.size() + " but is " + partsToSend);
        }
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("intervalNanos must not be negative but is " + intervalNanos);
        }
    }

    /** Sends every part. */
    static PacedAnswer whole(String contentType, List<byte[]> parts, long intervalNanos) {
        return new PacedAnswer(contentType, parts, parts.size(), intervalNanos);
    }

    /**
     * The same answer cut after {@code 1 + floor(point * (parts - 1))} parts, {@code point} in [0, 1): at least
     * the first part is sent and never the last.
     *
     * @throws IllegalArgumentException when there is a single part, which cannot be cut between parts
     */
    PacedAnswer cutAt(double point) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("an answer of one part cannot be cut between parts");
        }
        return new PacedAnswer(contentType, parts, 1 + (int) (point * (parts.size() - 1)), intervalNanos);
    }
}
