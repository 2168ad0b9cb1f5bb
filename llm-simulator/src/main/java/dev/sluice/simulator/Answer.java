package dev.sluice.simulator;

/**
 * How the simulator answers one request, decided before anything is sent; the HTTP server carries it out on
 * the connection's event loop, so an answer that waits costs a scheduled task, never a thread.
 */
sealed interface Answer permits PreparedAnswer, PacedAnswer, DelayedAnswer, HangUp {
}
