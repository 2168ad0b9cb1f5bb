package dev.sluice.guard.secrets;

/**
 * Shannon entropy of a string's character distribution, in bits per character: how unpredictable its characters
 * are. Generated secrets score high (random base64 of 40 characters ≈ 4.8), names and repeated characters low
 * ({@code aaaaaaaa} = 0, {@code password} ≈ 2.75). A string of n characters scores at most log2(n).
 */
final class ShannonEntropy {

  private static final int ASCII = 128;
  private static final double LN_2 = Math.log(2);

  private ShannonEntropy() {
  }

  /** Bits per character of {@code value}; characters outside ASCII share one bucket. 0 for an empty value. */
  static double bitsPerCharacter(CharSequence value) {
    int length = value.length();
    if (length == 0) {
      return 0;
    }
    int[] counts = new int[ASCII + 1];
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      counts[c < ASCII ? c : ASCII]++;
    }
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / length;
        bits -= p * Math.log(p);
      }
    }
    return bits / LN_2;
  }
}
