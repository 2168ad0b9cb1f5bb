package dev.sluice.guard.normalize;

import java.text.Normalizer;

/**
 * Unicode NFKC: fullwidth letters ("ｉｇｎｏｒｅ"), ligatures ("ﬁ"), mathematical alphanumerics ("𝐢𝐠𝐧𝐨𝐫𝐞"),
 * circled and superscript forms become the plain characters a pattern is written in.
 */
final class CompatibilityFolding {

  String fold(String text) {
    // Most prompts are already NFKC (ASCII always is); the quick checks skip the copy for them.
    return isAscii(text) || Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text
        : Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
