package dev.sluice.guard.semantic;

import dev.sluice.guard.detect.Span;
import java.util.Objects;

/**
 * A piece of a prompt that is embedded on its own.
 *
 * @param kind whether it stands for the prompt as a whole or for one of its sentences
 * @param span where it is in the segmented text
 * @param text the text at {@code span}
 */
public record PromptSegment(Kind kind, Span span, String text) {

  /** What a segment stands for. */
  public enum Kind {
    /** The whole prompt, or one consecutive window of a prompt too long to embed at once. */
    WINDOW,
    /** One sentence or line. */
    SENTENCE
  }

  public PromptSegment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(text, "text");
  }
}
