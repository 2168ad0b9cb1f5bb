package dev.sluice.simulator.reply;

import java.util.List;
import java.util.OptionalInt;

/**
 * What the simulated model answers to a prompt, with its finish reason and token counts.
 *
 * <p>Content: in judge mode, {@link JudgeRubric#forPrompt(List)} as JSON; otherwise
 * {@code "Simulated answer to: " + <content of the last message whose role is "user", cut to its first 200
 * code points>} (an empty echo when no message has role user). Then, if the content is longer than
 * {@code maxTokens} tokens, it is cut to its first {@code 4 * maxTokens} chars (one less if that would split a
 * surrogate pair) and the finish reason is {@code "length"}; otherwise it is {@code "stop"}. Tokens follow
 * {@link TokenEstimate}: prompt tokens from the messages, completion tokens from the (possibly cut) content.
 *
 * @param completionTokens the tokens of the content plus the reasoning tokens, as OpenAI counts them
 * @param reasoningTokens the part of the completion tokens a reasoning model spent before answering
 */
public record SimulatedReply(String content, String finishReason, int promptTokens, int completionTokens,
        int reasoningTokens) {

    /** What every ordinary answer starts with. */
    public static final String ANSWER_PREFIX = "Simulated answer to: ";

    /** How much of the last user message is echoed, in Unicode code points. */
    public static final int ECHO_CODE_POINTS = 200;

    public static final String FINISH_STOP = "stop";
    public static final String FINISH_LENGTH = "length";

    public SimulatedReply {
        if (reasoningTokens < 0 || reasoningTokens > completionTokens) {
            throw new IllegalArgumentException("reasoningTokens must be between 0 and completionTokens ("
                    + completionTokens + ") but is " + reasoningTokens);
        }
    }

    /** A reply without reasoning. */
    public SimulatedReply(String content, String finishReason, int promptTokens, int completionTokens) {
        this(content, finishReason, promptTokens, completionTokens, 0);
    }

    /** The reply to {@code messages}; {@code judge} selects the rubric, {@code maxTokens} caps the completion. */
    public static SimulatedReply to(List<PromptMessage> messages, boolean judge, OptionalInt maxTokens) {
        String full = judge ? JudgeRubric.forPrompt(messages).toJson() : answerTo(messages);
        String content = full;
        String finishReason = FINISH_STOP;
        if (maxTokens.isPresent() && TokenEstimate.textTokens(full) > maxTokens.getAsInt()) {
            content = cut(full, maxTokens.getAsInt() * TokenEstimate.CHARS_PER_TOKEN);
            finishReason = FINISH_LENGTH;
        }
        return new SimulatedReply(content, finishReason, TokenEstimate.promptTokens(messages),
                TokenEstimate.textTokens(content));
    }

    /** The ordinary (non-judge, uncapped) answer: the prefix and the echo of the last user message. */
    public static String answerTo(List<PromptMessage> messages) {
        return ANSWER_PREFIX + firstCodePoints(PromptMessage.lastUserContent(messages), ECHO_CODE_POINTS);
    }

    /** This reply as a reasoning model would report it: {@code tokens} more completion tokens, all reasoning. */
    public SimulatedReply withReasoning(int tokens) {
        return new SimulatedReply(content, finishReason, promptTokens, completionTokens - reasoningTokens + tokens,
                tokens);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    private static String firstCodePoints(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private static String cut(String text, int chars) {
        int end = chars;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
