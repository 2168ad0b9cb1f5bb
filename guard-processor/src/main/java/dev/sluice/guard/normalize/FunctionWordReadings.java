package dev.sluice.guard.normalize;

import java.util.List;

/**
 * A cheap test of which reading of a text is English: counts the tokens that are common English words as written,
 * after ROT13, and spelled backwards ("the", "gur", "eht"). Enciphered words almost never occur in English, so two
 * or three of them show that a text (or part of it) was written in that cipher. One pass over the text, no
 * allocation per token.
 */
final class FunctionWordReadings {

  /**
   * Words whose ROT13 or reversed form is another common word ("be"/"or", "on"/"no", "was"/"saw") are left out, and
   * so are the forms common in other languages: ROT13 "in" is "va" (French, Spanish), reversed "is", "in" and "it"
   * are "si", "ni" and "ti".
   */
  private static final String[] WORDS = {"the", "and", "you", "your", "is", "to", "of", "in", "it", "with", "this",
      "that", "for", "what", "have", "all", "can", "will", "from", "please", "they", "there", "their", "should",
      "would", "about", "which", "instructions", "ignore", "previous", "prompt", "system", "write", "tell", "say",
      "above", "everything", "forget", "how", "must", "answer", "never", "only"};
  private static final int PLAIN = 1;
  private static final int ROT13 = 2;
  private static final int REVERSED = 4;
  private static final int ANNOUNCES_ROT13 = 8;
  private static final int ANNOUNCES_REVERSAL = 16;
  /** "ROT13" splits into "rot" and "13"; the German "rot" (red) only makes a single ROT13 word enough. */
  private static final String[] ROT13_ANNOUNCEMENTS = {"rot"};
  private static final String[] REVERSAL_ANNOUNCEMENTS = {"backwards", "backward", "reverse", "reversed",
      "reversing"};
  private static final int MAX_WORD = 12;
  private static final int TABLE_SIZE = 512;
  private static final long[] KEYS = new long[TABLE_SIZE];
  private static final byte[] READINGS = new byte[TABLE_SIZE];

  static {
    for (String word : WORDS) {
      add(word, PLAIN);
      if (!word.equals("in")) {
        add(rot13(word), ROT13);
      }
      if (!List.of("is", "in", "it").contains(word)) {
        add(new StringBuilder(word).reverse().toString(), REVERSED);
      }
    }
    for (String word : ROT13_ANNOUNCEMENTS) {
      add(word, ANNOUNCES_ROT13);
    }
    for (String word : REVERSAL_ANNOUNCEMENTS) {
      add(word, ANNOUNCES_REVERSAL);
    }
  }

  /**
   * How many tokens of a text are function words in each reading, and whether the text names a cipher.
   *
   * @param plain tokens that are English function words as written
   * @param rot13 tokens that are English function words after ROT13
   * @param reversed tokens that are English function words spelled backwards
   * @param rot13Announced whether the text mentions ROT13
   * @param reversalAnnounced whether the text mentions reading backwards or reversing
   */
  record Counts(int plain, int rot13, int reversed, boolean rot13Announced, boolean reversalAnnounced) {
  }

  Counts count(String text) {
    Tally tally = new Tally();
    long key = 0;
    int letters = 0;
    boolean asciiWord = true;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      char lower = (char) (c | 0x20);
      // For ASCII, c | 0x20 is a lower-case letter exactly when c is a letter; no other character maps into a..z.
      if (lower >= 'a' && lower <= 'z') {
        key = extend(key, lower);
        letters++;
      } else if (c >= 0x80 && Character.isLetter(c)) {
        asciiWord = false;
      } else {
        if (asciiWord) {
          tally.word(key, letters);
        }
        key = 0;
        letters = 0;
        asciiWord = true;
      }
    }
    return tally.counts();
  }

  /** The key of a word so far, extended by one lower-case ASCII letter. */
  static long extend(long key, char lowerLetter) {
    return key * 27 + (lowerLetter - 'a' + 1);
  }

  /** Counts words one at a time, for a pass over the text that does other work too. */
  static final class Tally {

    private int plain;
    private int rot13;
    private int reversed;
    private int announcements;

    /** Adds the word with this key ({@link #extend} over its letters) and length. */
    void word(long key, int letters) {
      if (letters == 0 || letters > MAX_WORD) {
        return;
      }
      int readings = readingsOf(key);
      plain += readings & PLAIN;
      rot13 += (readings & ROT13) >> 1;
      reversed += (readings & REVERSED) >> 2;
      announcements |= readings;
    }

    Counts counts() {
      return new Counts(plain, rot13, reversed, (announcements & ANNOUNCES_ROT13) != 0,
          (announcements & ANNOUNCES_REVERSAL) != 0);
    }
  }

  static String rot13(String text) {
    char[] out = text.toCharArray();
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (c >= 'a' && c <= 'z') {
        out[i] = (char) ('a' + (c - 'a' + 13) % 26);
      } else if (c >= 'A' && c <= 'Z') {
        out[i] = (char) ('A' + (c - 'A' + 13) % 26);
      }
    }
    return new String(out);
  }

  private static void add(String word, int reading) {
    long key = keyOf(word);
    int slot = slotOf(key);
    while (KEYS[slot] != 0 && KEYS[slot] != key) {
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    KEYS[slot] = key;
    READINGS[slot] |= (byte) reading;
  }

  private static int readingsOf(long key) {
    int slot = slotOf(key);
    while (KEYS[slot] != 0) {
      if (KEYS[slot] == key) {
        return READINGS[slot];
      }
      slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    return 0;
  }

  private static long keyOf(String word) {
    long key = 0;
    for (int i = 0; i < word.length(); i++) {
      key = extend(key, word.charAt(i));
    }
    return key;
  }

  private static int slotOf(long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    return (int) (mixed >>> 55) & (TABLE_SIZE - 1);
  }
}
