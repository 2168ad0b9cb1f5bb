package dev.sluice.simulator;

import dev.sluice.simulator.fault.Fault;
import dev.sluice.simulator.reply.PromptMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A valid chat completion call as it reached the simulator, whether it was answered or got a fault.
 *
 * @param model the requested model
 * @param messages the messages, content parts joined
 * @param receivedAt when the simulator read the call
 * @param fault what the simulator did instead of answering, {@link Fault#NONE} when it answered
 */
public record RecordedCall(String model, List<PromptMessage> messages, Instant receivedAt, Fault fault) {

    public RecordedCall {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(fault, "fault");
        messages = List.copyOf(messages);
    }

    /** Content of the last message with role user, or empty when there is none. */
    public String lastUserContent() {
        return PromptMessage.lastUserContent(messages);
    }
}
