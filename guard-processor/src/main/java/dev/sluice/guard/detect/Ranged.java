package dev.sluice.guard.detect;

import java.util.List;

/** Something found at a half-open character range {@code [start, end)} of a text. */
public interface Ranged {

  int start();

  int end();

  default boolean overlaps(Ranged other) {
    return start() < other.end() && other.start() < end();
  }

  /**
   * Inserts {@code candidate} into {@code accepted} (sorted by start, never overlapping, so sorted by end too) unless
   * it overlaps a range already there; only its two neighbours can, so a binary search finds all it must check.
   */
  static <T extends Ranged> void insertUnlessOverlapping(List<T> accepted, T candidate) {
    int low = 0;
    int high = accepted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (accepted.get(middle).start() < candidate.start()) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    boolean overlapsBefore = low > 0 && accepted.get(low - 1).overlaps(candidate);
    boolean overlapsAfter = low < accepted.size() && accepted.get(low).overlaps(candidate);
    if (!overlapsBefore && !overlapsAfter) {
      accepted.add(low, candidate);
    }
  }
}
