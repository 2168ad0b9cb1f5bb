package dev.sluice.simulator.reply;

import java.util.List;
import java.util.Objects;

/** One chat message as the simulator saw it: its role and its text (content parts joined). */
public record PromptMessage(String role, String content) {

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** Content of the last message with role {@code user}, or empty when there is none. */
    public static String lastUserContent(List<PromptMessage> messages) {
        String last = "";
        for (PromptMessage message : messages) {
            if ("user".equals(message.role())) {
                last = message.content();
            }
        }
        return last;
    }
}
