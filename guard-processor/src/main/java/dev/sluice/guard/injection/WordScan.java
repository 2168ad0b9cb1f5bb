package dev.sluice.guard.injection;

/**
 * The words of a text (runs of letters and digits) with where each starts and ends and a 64-bit hash of its lower-case
 * form. Rules look their words up by hash instead of searching the text once per word, and the lexical scorer's word
 * features are these hashes. One pass, no allocation per word.
 */
final class WordScan {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final String text;
  private final int count;
  private final int[] starts;
  private final int[] ends;
  private final long[] hashes;

  private WordScan(String text, int count, int[] starts, int[] ends, long[] hashes) {
    this.text = text;
    this.count = count;
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
  }

  static WordScan of(String text) {
    int capacity = text.length() / 2 + 1;
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    long[] hashes = new long[capacity];
    int count = 0;
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      if (!isWordCharacter(c)) {
        i++;
        continue;
      }
      int start = i;
      long hash = FNV_OFFSET;
      while (i < length && isWordCharacter(c = text.charAt(i))) {
        hash = (hash ^ lowerCase(c)) * FNV_PRIME;
        i++;
      }
      starts[count] = start;
      ends[count] = i;
      hashes[count] = hash;
      count++;
    }
    return new WordScan(text, count, starts, ends, hashes);
  }

  /** The hash {@link #of} gives {@code word}, which must be one word. */
  static long hash(String word) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (!isWordCharacter(c)) {
        throw new IllegalArgumentException("not a single word: '" + word + "'");
      }
      hash = (hash ^ lowerCase(c)) * FNV_PRIME;
    }
    return hash;
  }

  static boolean isWordCharacter(char c) {
    if (c < 0x80) {
      char lower = (char) (c | 0x20);
      return (lower >= 'a' && lower <= 'z') || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c);
  }

  /** Lower case that keeps every character one character, so offsets in lower-cased text stay valid. */
  static char lowerCase(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
    }
    return Character.toLowerCase(c);
  }

  String text() {
    return text;
  }

  int count() {
    return count;
  }

  int start(int word) {
    return starts[word];
  }

  int end(int word) {
    return ends[word];
  }

  long hash(int word) {
    return hashes[word];
  }
}
