package dev.sluice.guard.vault;

import dev.sluice.guard.detect.Span;
import dev.sluice.guard.output.LinkTargets;
import dev.sluice.guard.pii.PlaceholderMap;
import dev.sluice.guard.pii.PlaceholderMap.Occurrence;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a caller's originals back into the answer the output checks let through. Only the request's own
 * placeholders that the model wrote itself come back: the output checks number the personal data <em>they</em>
 * mask after the placeholders already in the answer, so their {@code [EMAIL_2]} may be a number the request's map
 * also has, for another value; and a placeholder inside a link target stays, since restoring it there would send
 * the caller's data to whatever host the link names when the answer is rendered or clicked.
 */
final class AnswerRestoration {

  /**
   * @param text the answer with the originals back
   * @param restored how many placeholders were replaced
   * @param keptInLinks how many of the request's placeholders stayed because they sit in a link target
   */
  record Result(String text, int restored, int keptInLinks) {
  }

  private AnswerRestoration() {
  }

  /**
   * @param modelAnswer the answer as the model wrote it, before the output checks
   * @param checkedAnswer the answer after the output checks
   * @param placeholders the request's placeholder map
   */
  static Result restore(String modelAnswer, String checkedAnswer, PlaceholderMap placeholders) {
    Set<String> written = new HashSet<>();
    for (Occurrence occurrence : placeholders.occurrencesIn(modelAnswer)) {
      written.add(occurrence.placeholder());
    }
    List<Occurrence> occurrences = placeholders.occurrencesIn(checkedAnswer).stream()
        .filter(occurrence -> written.contains(occurrence.placeholder()))
        .toList();
    if (occurrences.isEmpty()) {
      return new Result(checkedAnswer, 0, 0);
    }
    List<Span> links = LinkTargets.in(checkedAnswer);
    StringBuilder out = new StringBuilder(checkedAnswer.length());
    int copied = 0;
    int restored = 0;
    int keptInLinks = 0;
    for (Occurrence occurrence : occurrences) {
      if (LinkTargets.within(links, occurrence.start(), occurrence.end())) {
        keptInLinks++;
        continue;
      }
      out.append(checkedAnswer, copied, occurrence.start())
          .append(placeholders.originals().get(occurrence.placeholder()));
      copied = occurrence.end();
      restored++;
    }
    return new Result(out.append(checkedAnswer, copied, checkedAnswer.length()).toString(), restored, keptInLinks);
  }
}
