package dev.sluice.worker.completion;

import dev.sluice.events.TokenUsage;
import java.time.Instant;

/**
 * One provider call the provider billed, priced.
 *
 * @param callId unique per call, so the cost aggregator counts it once however often it is delivered
 * @param model the model the provider says answered
 */
record BilledCall(String callId, String provider, String model, TokenUsage usage, long costNanos,
    Instant occurredAt) {
}
