package dev.sluice.guard.output;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds an answer that reproduces a run of consecutive words of the request's system prompt: one shingle of the
 * answer equal to one kept from the prompt is a run of {@link SystemPromptFingerprint#shingleWords()} words copied
 * verbatim (up to case and punctuation). Paraphrases, translations and encodings of the prompt are not found.
 */
public final class SystemPromptLeakCheck {

  public static final String DETECTOR = "system-prompt-leak";
  public static final String CATEGORY = "system_prompt_leak";
  // 64-bit hashes make a chance match negligible; what remains is an answer legitimately quoting the prompt.
  private static final double SCORE = 0.9;

  /** A finding when {@code answer} repeats a shingle of the system prompt of request {@code requestId}. */
  public Optional<Finding> check(String requestId, String answer, SystemPromptFingerprint systemPrompt) {
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    long[] shingles = WordShingles.hashes(WordShingles.seed(requestId), answer, systemPrompt.shingleWords());
    for (long shingle : shingles) {
      if (systemPrompt.contains(shingle)) {
        return Optional.of(new Finding(DETECTOR, CATEGORY, ThreatLevel.HIGH, SCORE, null));
      }
    }
    return Optional.empty();
  }
}
