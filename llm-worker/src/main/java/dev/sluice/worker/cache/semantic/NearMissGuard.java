package dev.sluice.worker.cache.semantic;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The second check on a semantic match: a cached answer is reused only when the two prompts agree on their
 * {@link PromptSpecifics specifics}, however close their embeddings are.
 *
 * <p>Why: a sentence embedding is an average over the whole prompt, so a prompt and its near miss ("convert 5 km to
 * miles" and "convert 5 miles to km", "is coffee bad for you" and "is coffee good for you") can be closer than two
 * honest paraphrases; no threshold separates them. What separates them is a handful of words that carry the question
 * — names, numbers, units, quoted text, negations, opposites — and those can be compared exactly. The rules:
 * <ol>
 *   <li>the same number of negations;</li>
 *   <li>every anchor (name, identifier, number, quantity, quoted text, ordinal, operator) of either prompt occurs in
 *   both, in the same order, and as often — order matters because "from English to French" is not "from French to
 *   English";</li>
 *   <li>when both prompts name units, the same units in the same order;</li>
 *   <li>where both prompts use words of one set of opposites or exclusive values, the same ones.</li>
 * </ol>
 * Rules 2–4 only compare what both prompts say: a paraphrase may drop "best" or "how many minutes" and still match.
 * An anchor found in one prompt is looked for among all words of the other, so "capital of france" written in lower
 * case still differs from "capital of Spain". The guard errs towards a miss: a reordered paraphrase ("How far is the
 * Moon from Earth?" against "distance from the Earth to the Moon") costs one provider call, a wrong answer costs more.
 */
public final class NearMissGuard {

  /** Why the new prompt may not reuse the cached prompt's answer, or empty when it may. */
  public Optional<String> difference(String cachedPrompt, String newPrompt) {
    return difference(PromptSpecifics.of(cachedPrompt), PromptSpecifics.of(newPrompt));
  }

  Optional<String> difference(PromptSpecifics cached, PromptSpecifics asked) {
    if (cached.negations() != asked.negations()) {
      return Optional.of("negations differ: " + cached.negations() + " against " + asked.negations());
    }
    Set<String> anchors = new HashSet<>(cached.anchors());
    anchors.addAll(asked.anchors());
    List<String> cachedAnchors = cached.tokens().stream().filter(anchors::contains).toList();
    List<String> askedAnchors = asked.tokens().stream().filter(anchors::contains).toList();
    if (!cachedAnchors.equals(askedAnchors)) {
      return Optional.of("specifics differ: " + cachedAnchors + " against " + askedAnchors);
    }
    if (!cached.units().isEmpty() && !asked.units().isEmpty() && !cached.units().equals(asked.units())) {
      return Optional.of("units differ: " + cached.units() + " against " + asked.units());
    }
    for (Map.Entry<String, Set<String>> dimension : cached.opposites().entrySet()) {
      Set<String> askedValues = asked.opposites().get(dimension.getKey());
      if (askedValues != null && !askedValues.equals(dimension.getValue())) {
        return Optional.of(dimension.getKey() + " differs: " + dimension.getValue() + " against " + askedValues);
      }
    }
    return Optional.empty();
  }
}
