package dev.sluice.guard.pii;

import dev.sluice.guard.detect.Span;
import java.util.Objects;

/**
 * Where the masker found one piece of personal data, in the offsets of the text it was given; no value, so it is
 * safe to log.
 *
 * @param type the kind of personal data
 * @param span where it is in the original text
 */
public record PiiSpan(PiiType type, Span span) {

  public PiiSpan {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(span, "span");
  }
}
