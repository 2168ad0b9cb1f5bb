package dev.sluice.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends answers after a delay without holding a thread per waiting call: a timer fires when the delay is over
 * and a worker writes the answer, so thousands of slow calls cost only their open connections.
 */
final class DeferredAnswers {

    private final ScheduledExecutorService timer;
    private final Executor writers;

    DeferredAnswers(ScheduledExecutorService timer, Executor writers) {
        this.timer = timer;
        this.writers = writers;
    }

    void answerAfter(HttpExchange exchange, PreparedAnswer answer, long delayMs) {
        if (delayMs == 0) {
            answer.sendTo(exchange);
            return;
        }
        timer.schedule(() -> writers.execute(() -> answer.sendTo(exchange)), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Closes the connection after {@code holdMs} without answering, as a provider that timed out would. */
    void hangUpAfter(HttpExchange exchange, long holdMs) {
        timer.schedule(exchange::close, holdMs, TimeUnit.MILLISECONDS);
    }
}
