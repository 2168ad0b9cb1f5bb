package dev.sluice.guard.detect;

/** Half-open character range {@code [start, end)} in the text a detector inspected. */
public record Span(int start, int end) {

  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid span [" + start + ", " + end + ")");
    }
  }
}
