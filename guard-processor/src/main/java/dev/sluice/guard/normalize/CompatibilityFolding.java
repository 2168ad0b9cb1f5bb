package dev.sluice.guard.normalize;

import java.text.Normalizer;

/**
 * Unicode NFKC: fullwidth letters ("ｉｇｎｏｒｅ"), ligatures ("ﬁ"), mathematical alphanumerics ("𝐢𝐠𝐧𝐨𝐫𝐞"),
 * circled and superscript forms become the plain characters a pattern is written in.
 */
final class CompatibilityFolding {

  String fold(String text) {
    // Most prompts are already NFKC; the quick check skips the copy for them.
    return Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text
        : Normalizer.normalize(text, Normalizer.Form.NFKC);
  }
}
