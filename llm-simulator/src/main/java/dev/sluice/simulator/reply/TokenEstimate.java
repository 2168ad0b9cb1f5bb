package dev.sluice.simulator.reply;

import java.util.List;

/**
 * The simulator's deterministic token count: {@code ceil(length / 4)} tokens for a text, where length counts
 * UTF-16 chars ({@link String#length()}), and {@value #MESSAGE_OVERHEAD_TOKENS} more for each prompt message.
 */
public final class TokenEstimate {

    /** Tokens a message costs beyond its text, like the role and separators in a real chat template. */
    public static final int MESSAGE_OVERHEAD_TOKENS = 4;

    /** Chars per token: the rule of thumb for English text with OpenAI's tokenizers. */
    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    /** {@code ceil(text.length() / 4)}. */
    public static int textTokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** The sum over messages of {@code 4 + textTokens(content)}. */
    public static int promptTokens(List<PromptMessage> messages) {
        int tokens = 0;
        for (PromptMessage message : messages) {
            tokens += MESSAGE_OVERHEAD_TOKENS + textTokens(message.content());
        }
        return tokens;
    }
}
