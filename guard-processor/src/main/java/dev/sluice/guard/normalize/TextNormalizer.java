package dev.sluice.guard.normalize;

import java.util.List;

/**
 * Rewrites text into the forms detectors match against. The normalized text is NFKC with invisible characters
 * removed and whitespace collapsed; the variants additionally fold look-alike letters, letters spelled one by one
 * and leetspeak, decode Base64, hex and URL-encoded segments, and undo ROT13 and reversed spelling when the text
 * shows them. Each step defeats one obfuscation, and each only changes text that shows it, so ordinary prompts
 * come out as they went in. Every step is linear in the text's length. Stateless and thread-safe.
 */
public final class TextNormalizer {

  /** Enciphered function words that show a cipher on their own; one is enough when the text names the cipher. */
  private static final int CIPHER_WORDS = 3;

  private final CompatibilityFolding compatibility = new CompatibilityFolding();
  private final InvisibleCharacterRemoval invisibles = new InvisibleCharacterRemoval();
  private final WhitespaceCollapsing whitespace = new WhitespaceCollapsing();
  private final ConfusableFolding confusables = new ConfusableFolding();
  private final SeparatedLetterJoining separatedLetters = new SeparatedLetterJoining();
  private final LeetspeakFolding leetspeak = new LeetspeakFolding();
  private final EncodedSegmentDecoding encodedSegments = new EncodedSegmentDecoding();
  private final FunctionWordReadings functionWords = new FunctionWordReadings();

  /** Returns the normalized form of {@code text} and its variants; never null. */
  public NormalizedText normalize(String text) {
    if (text == null || text.isEmpty()) {
      return NormalizedText.plain("");
    }
    AsciiSurvey survey = AsciiSurvey.of(text);
    return survey == null ? normalizeAnyText(text) : normalizeAscii(text, survey);
  }

  /**
   * ASCII has no compatibility forms, invisible characters or look-alikes, and the survey says which of the other
   * steps could change the text, so the rest are skipped.
   */
  private NormalizedText normalizeAscii(String text, AsciiSurvey survey) {
    String normalized = survey.collapsed() ? text : whitespace.collapse(text);
    String unspelled = survey.spelledOut() ? whitespace.collapse(separatedLetters.join(text)) : normalized;
    String withI = survey.leetspeak() ? leetspeak.fold(unspelled, 'i') : unspelled;
    String withL = survey.leetspeak() ? leetspeak.fold(unspelled, 'l') : unspelled;
    String decoded = survey.encoded() ? decoded(normalized) : normalized;
    return new NormalizedText(normalized, List.of(withI, withL, decoded, rot13(normalized, survey.functionWords()),
        reversed(normalized, survey.functionWords())), false);
  }

  private NormalizedText normalizeAnyText(String text) {
    InvisibleCharacterRemoval.Result visible = invisibles.remove(compatibility.fold(text));
    String normalized = whitespace.collapse(visible.text());
    // Letters spelled one by one are recognised by their spacing, so they are joined before whitespace collapses.
    String folded = separatedLetters.join(confusables.fold(visible.text()));
    String unspelled = folded == visible.text() ? normalized : whitespace.collapse(folded);
    String withI = leetspeak.fold(unspelled, 'i');
    // Without leetspeak the first fold returns its input, and so would the second.
    String withL = withI == unspelled ? unspelled : leetspeak.fold(unspelled, 'l');
    FunctionWordReadings.Counts readings = functionWords.count(normalized);
    return new NormalizedText(normalized, List.of(withI, withL, decoded(normalized), rot13(normalized, readings),
        reversed(normalized, readings)), visible.suspicious());
  }

  private String decoded(String normalized) {
    String withSegmentsDecoded = encodedSegments.decode(normalized);
    return withSegmentsDecoded == normalized ? normalized : whitespace.collapse(withSegmentsDecoded);
  }

  private static String rot13(String normalized, FunctionWordReadings.Counts readings) {
    return shows(readings.rot13(), readings.rot13Announced()) ? FunctionWordReadings.rot13(normalized) : normalized;
  }

  private static String reversed(String normalized, FunctionWordReadings.Counts readings) {
    return shows(readings.reversed(), readings.reversalAnnounced())
        ? new StringBuilder(normalized).reverse().toString() : normalized;
  }

  private static boolean shows(int encipheredWords, boolean announced) {
    return encipheredWords >= CIPHER_WORDS || (announced && encipheredWords > 0);
  }
}
