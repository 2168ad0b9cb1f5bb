package dev.sluice.simulator;

import java.util.ArrayDeque;
import java.util.List;

/** Keeps the most recent calls, never more than the limit, so a long-running simulator's memory stays flat. */
final class CallRecorder {

    private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();

    synchronized void record(RecordedCall call, int limit) {
        calls.addLast(call);
        while (calls.size() > limit) {
            calls.removeFirst();
        }
    }

    synchronized List<RecordedCall> snapshot() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }
}
