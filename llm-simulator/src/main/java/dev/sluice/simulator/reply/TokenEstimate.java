package dev.sluice.simulator.reply;

import java.util.ArrayList;
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

    /**
     * The text cut into tokens of {@value #CHARS_PER_TOKEN} chars (the last one may be shorter), one char shorter
     * where a cut would split a surrogate pair; joined in order they give the text back. Outside surrogate pairs
     * there are {@link #textTokens(String)} of them.
     */
    public static List<String> split(String text) {
        List<String> tokens = new ArrayList<>(textTokens(text));
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(start + CHARS_PER_TOKEN, text.length());
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            tokens.add(text.substring(start, end));
            start = end;
        }
        return tokens;
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
