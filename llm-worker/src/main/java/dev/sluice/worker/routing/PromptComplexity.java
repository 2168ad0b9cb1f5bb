package dev.sluice.worker.routing;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the auto rule reads from a prompt: its size and the signs that it needs a strong model.
 *
 * @param estimatedTokens the prompt's size by the rule of thumb of about 4 characters per token, plus 4 per message
 *     for the chat template (the simulator counts the same way); an estimate for routing, never for billing
 * @param signals the complexity signals found in the user's messages, in a fixed order: {@value #CODE},
 *     {@value #MATH}, {@value #MULTI_STEP}
 */
public record PromptComplexity(int estimatedTokens, List<String> signals) {

  /** A fenced code block, or three or more lines ending like code ({@code ;}, {@code {}, {@code }}). */
  public static final String CODE = "code";
  /** LaTeX, a power such as {@code x^2}, or words of a mathematical task (prove, derive, integral, equation…). */
  public static final String MATH = "math";
  /** An ask for steps, a numbered list of three or more items, or three or more questions. */
  public static final String MULTI_STEP = "multi-step";

  private static final int MESSAGE_OVERHEAD_TOKENS = 4;
  private static final int CHARS_PER_TOKEN = 4;

  private static final Pattern CODE_LINE_END = Pattern.compile("(?m)[;{}]\\s*$");
  private static final Pattern MATH_NOTATION = Pattern.compile(
      "\\$\\$|\\\\(frac|int|sum|sqrt|prod|lim|partial)\\b|\\b[a-zA-Z]\\^\\d");
  private static final Pattern MATH_WORDS = Pattern.compile(
      "\\b(prove|proof|derive|derivative|integral|equation|theorem|solve for)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern STEP_ASK = Pattern.compile("\\bstep[- ]by[- ]step\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBERED_ITEM = Pattern.compile("(?m)^\\s*\\d+[.)]\\s+\\S");

  public PromptComplexity {
    signals = List.copyOf(signals);
  }

  /**
   * Measures {@code messages}. Signals are looked for in user messages only: a system prompt is the same for every
   * request of an application, so code or math in it says nothing about the one at hand.
   */
  public static PromptComplexity of(List<ChatMessage> messages) {
    int tokens = 0;
    StringBuilder asked = new StringBuilder();
    for (ChatMessage message : messages) {
      String content = message.getContent() == null ? "" : message.getContent();
      tokens += MESSAGE_OVERHEAD_TOKENS + (content.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
      if (message.getRole() == Role.USER) {
        asked.append(content).append('\n');
      }
    }
    String text = asked.toString();
    List<String> signals = new ArrayList<>();
    if (text.contains("```") || count(CODE_LINE_END.matcher(text)) >= 3) {
      signals.add(CODE);
    }
    if (MATH_NOTATION.matcher(text).find() || MATH_WORDS.matcher(text).find()) {
      signals.add(MATH);
    }
    if (STEP_ASK.matcher(text).find() || count(NUMBERED_ITEM.matcher(text)) >= 3
        || text.chars().filter(c -> c == '?').count() >= 3) {
      signals.add(MULTI_STEP);
    }
    return new PromptComplexity(tokens, signals);
  }

  private static int count(Matcher matcher) {
    int found = 0;
    while (matcher.find()) {
      found++;
    }
    return found;
  }
}
