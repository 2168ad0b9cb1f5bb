package dev.sluice.guard.injection;

import java.util.Arrays;
import java.util.List;

/**
 * The lexical scorer's features of a span of words of one reading, hashed into {@link #BUCKETS} buckets: lower-case
 * words, word pairs and character 4-grams within words (which survive inflection, compounding and partial
 * obfuscation), the rule categories that matched anywhere in the text, and, for a whole text, how much of it and of
 * its tail is odd tokens (symbols inside words, camelCase joins): the token soup of adversarial suffixes. Word and
 * character features are scaled to unit length, so a long text does not score high merely for being long.
 *
 * <p>Long texts are also scored window by window ({@link #windows}): an instruction planted in a long document is a
 * small part of the whole text's features but most of one window's.
 */
public final class LexicalFeatures {

  public static final int BUCKET_BITS = 16;
  public static final int BUCKETS = 1 << BUCKET_BITS;
  /** Most words in one window; sentences are packed into windows up to this size. */
  static final int WINDOW_WORDS = 40;

  private static final long WORD = 0x1L;
  private static final long PAIR = 0x2L;
  private static final long CHARS = 0x3L;
  private static final long RULE = 0x4L;
  private static final long ODDITY = 0x5L;
  private static final int GRAM = 4;
  /** Shorter words have no 4-gram the word itself does not already say. */
  private static final int MIN_GRAM_WORD = 3;
  private static final int TAIL_TOKENS = 24;
  /** Upper bounds of the odd-token share bins; the last bin is everything above. */
  private static final double[] ODDITY_BINS = {0.02, 0.05, 0.1, 0.2, 0.35};
  private static final int MIN_TOKENS_FOR_ODDITY = 8;

  private LexicalFeatures() {
  }

  /** Receives features as they are extracted: a {@link FeatureVector}, or the scorer's running weight sum. */
  interface Sink {

    void add(int bucket, float value);
  }

  /**
   * Appends the features of words {@code [from, to)} and of the matched rule categories to {@code into}; with
   * {@code wholeText}, also the odd-token shares of the reading.
   */
  static void extract(WordScan words, int from, int to, List<String> matchedCategories, boolean wholeText,
      FeatureVector into) {
    int first = into.size();
    for (int w = from; w < to; w++) {
      addWordFeatures(words, w, into);
    }
    int count = into.size() - first;
    if (count > 0) {
      into.scale(first, (float) (1 / Math.sqrt(count)));
    }
    for (String category : matchedCategories) {
      into.add(ruleBucket(category), 1);
    }
    if (wholeText) {
      addOddity(words.text(), into);
    }
  }

  /** The unscaled features of word {@code w}: itself, the pair it ends and, from 3 letters on, its 4-grams. */
  static void addWordFeatures(WordScan words, int w, Sink into) {
    long word = words.hash(w);
    into.add(bucket(WORD, word), 1);
    if (w > 0) {
      into.add(bucket(PAIR, words.hash(w - 1) * 0x9E3779B97F4A7C15L + word), 1);
    }
    if (words.end(w) - words.start(w) >= MIN_GRAM_WORD) {
      addCharacterGrams(words.text(), words.start(w), words.end(w), into);
    }
  }

  /**
   * Where the windows of a reading end: sentences (split at . ! ? : ; and line breaks) packed in order into windows
   * of at most {@link #WINDOW_WORDS} words, a longer sentence cut into pieces. Element i is the end (exclusive word
   * index) of window i; a text of at most {@link #WINDOW_WORDS} words has no windows (the whole text is one).
   */
  static int[] windows(WordScan words) {
    int count = words.count();
    if (count <= WINDOW_WORDS) {
      return new int[0];
    }
    int[] ends = new int[count];
    int windows = 0;
    int windowStart = 0;
    int lastSentenceEnd = 0;
    for (int w = 0; w < count; w++) {
      boolean sentenceEnds = w + 1 == count || endsSentence(words, w);
      if (w + 1 - windowStart > WINDOW_WORDS) {
        // The window is full: close it after the last whole sentence, or mid-sentence when there is none.
        int end = lastSentenceEnd > windowStart ? lastSentenceEnd : w;
        ends[windows++] = end;
        windowStart = end;
      }
      if (sentenceEnds) {
        lastSentenceEnd = w + 1;
      }
    }
    ends[windows++] = count;
    return Arrays.copyOf(ends, windows);
  }

  private static boolean endsSentence(WordScan words, int w) {
    String text = words.text();
    for (int i = words.end(w); i < words.start(w + 1); i++) {
      char c = text.charAt(i);
      if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n') {
        return true;
      }
    }
    return false;
  }

  static int ruleBucket(String category) {
    return bucket(RULE, WordScan.hash(category.replace("_", "")));
  }

  /** 4-grams of the word framed by boundary marks ("^ign", "igno", …, "ore$"). */
  private static void addCharacterGrams(String text, int start, int end, Sink into) {
    long window = '^';
    int length = 1;
    for (int i = start; i <= end; i++) {
      char c = i < end ? WordScan.lowerCase(text.charAt(i)) : '$';
      window = (window << 16) | c;
      length++;
      if (length >= GRAM) {
        into.add(bucket(CHARS, window), 1);
      }
    }
  }

  /** The odd-token share bins of a whole text, when it has enough tokens to tell. */
  static void addOddity(String text, Sink into) {
    int tokens = 0;
    int odd = 0;
    int tokenStart = -1;
    // Whether each of the last TAIL_TOKENS tokens was odd, as a ring.
    boolean[] tail = new boolean[TAIL_TOKENS];
    for (int i = 0; i <= text.length(); i++) {
      boolean space = i == text.length() || isWhitespace(text.charAt(i));
      if (!space && tokenStart < 0) {
        tokenStart = i;
      } else if (space && tokenStart >= 0) {
        boolean isOdd = isOddToken(text, tokenStart, i);
        tail[tokens % TAIL_TOKENS] = isOdd;
        tokens++;
        odd += isOdd ? 1 : 0;
        tokenStart = -1;
      }
    }
    if (tokens < MIN_TOKENS_FOR_ODDITY) {
      return;
    }
    int tailOdd = 0;
    for (int t = 0; t < Math.min(tokens, TAIL_TOKENS); t++) {
      tailOdd += tail[t] ? 1 : 0;
    }
    into.add(bucket(ODDITY, bin((double) odd / tokens)), 1);
    into.add(bucket(ODDITY, 100 + bin((double) tailOdd / Math.min(tokens, TAIL_TOKENS))), 1);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || (c < ' ' || c >= 0x80) && Character.isWhitespace(c);
  }

  private static int bin(double share) {
    int bin = 0;
    while (bin < ODDITY_BINS.length && share > ODDITY_BINS[bin]) {
      bin++;
    }
    return bin;
  }

  /**
   * A token with a letter and, inside it (after its leading and trailing punctuation), a character that is neither
   * a letter, a digit, a hyphen nor an apostrophe; or a lower-case letter followed by a capital ("compressToString").
   */
  static boolean isOddToken(String text, int start, int end) {
    int from = start;
    int to = end;
    while (from < to && "([{\"'`“‘*".indexOf(text.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && ".,;:!?)]}\"'`”’*".indexOf(text.charAt(to - 1)) >= 0) {
      to--;
    }
    boolean letter = false;
    boolean inner = false;
    boolean camel = false;
    boolean previousLower = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean lower;
      boolean upper;
      if (c < 0x80) {
        lower = c >= 'a' && c <= 'z';
        upper = c >= 'A' && c <= 'Z';
        inner |= !lower && !upper && !(c >= '0' && c <= '9') && c != '-' && c != '\'';
      } else {
        lower = Character.isLowerCase(c);
        upper = Character.isUpperCase(c);
        inner |= !Character.isLetterOrDigit(c) && c != '’';
      }
      letter |= lower || upper || (c >= 0x80 && Character.isLetter(c));
      camel |= upper && previousLower;
      previousLower = lower;
    }
    return letter && (inner || camel);
  }

  /** Fibonacci hashing: the top bits of the product with an odd constant spread any 64-bit hash evenly. */
  static int bucket(long kind, long hash) {
    return (int) (((hash + kind * 0xC2B2AE3D27D4EB4FL) * 0x9E3779B97F4A7C15L) >>> (64 - BUCKET_BITS));
  }
}
