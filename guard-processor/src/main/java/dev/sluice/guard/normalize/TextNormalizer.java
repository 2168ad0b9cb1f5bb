package dev.sluice.guard.normalize;

import java.util.List;

/**
 * Rewrites text into the forms detectors match against. The normalized text is NFKC with invisible characters
 * removed and whitespace collapsed; the variants additionally fold look-alike letters, letters spelled one by one
 * and leetspeak. Each step defeats one obfuscation, and each only changes text that shows it, so ordinary prompts
 * come out as they went in. Every step is linear in the text's length. Stateless and thread-safe.
 */
public final class TextNormalizer {

  private final CompatibilityFolding compatibility = new CompatibilityFolding();
  private final InvisibleCharacterRemoval invisibles = new InvisibleCharacterRemoval();
  private final WhitespaceCollapsing whitespace = new WhitespaceCollapsing();
  private final ConfusableFolding confusables = new ConfusableFolding();
  private final SeparatedLetterJoining separatedLetters = new SeparatedLetterJoining();
  private final LeetspeakFolding leetspeak = new LeetspeakFolding();

  /** Returns the normalized form of {@code text} and its variants; never null. */
  public NormalizedText normalize(String text) {
    if (text == null || text.isEmpty()) {
      return NormalizedText.plain("");
    }
    InvisibleCharacterRemoval.Result visible = invisibles.remove(compatibility.fold(text));
    String normalized = whitespace.collapse(visible.text());
    // Letters spelled one by one are recognised by their spacing, so they are joined before whitespace collapses.
    String unspelled = whitespace.collapse(separatedLetters.join(confusables.fold(visible.text())));
    String withI = leetspeak.fold(unspelled, 'i');
    String withL = leetspeak.fold(unspelled, 'l');
    return new NormalizedText(normalized, List.of(withI, withL), visible.suspicious());
  }
}
