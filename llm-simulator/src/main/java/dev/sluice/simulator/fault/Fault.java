package dev.sluice.simulator.fault;

/** What the simulator does to one chat completion call instead of, or around, answering it. */
public enum Fault {
    /** Answers normally. */
    NONE,
    /** Answers 429 with a {@code Retry-After} header and an OpenAI rate-limit error. */
    RATE_LIMIT,
    /** Answers 500 with an OpenAI server error. */
    SERVER_ERROR,
    /** Never answers: holds the connection for {@code timeoutHoldMs}, then closes it. */
    TIMEOUT,
    /**
     * Answers 200 with a body that is not valid JSON: the first half of a real answer, or, when streaming, a
     * stream whose first chunk is cut in half.
     */
    MALFORMED,
    /**
     * Answers 200 and closes the connection midway: a stream after some of its chunks, never sending the finish
     * chunk or {@code [DONE]}; a non-streamed answer after the first half of its body.
     */
    STREAM_CUT
}
