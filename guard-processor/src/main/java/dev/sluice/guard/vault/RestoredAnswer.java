package dev.sluice.guard.vault;

import dev.sluice.guard.inspection.CompletionInspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The output guard's result for one completion after restoring: the inspection, its content with the caller's
 * originals back when they were restored.
 *
 * @param inspection the inspection to answer with
 * @param outcome what restoring came to
 * @param restored how many placeholders were replaced by originals; the answer holds personal data when above 0
 * @param keptInLinks how many of the request's placeholders stayed because the model put them into link targets
 */
public record RestoredAnswer(CompletionInspection inspection, VaultOutcome outcome, int restored, int keptInLinks) {

  /** Guard-event category of an answer in which the model put the caller's placeholders into link targets. */
  public static final String PLACEHOLDER_IN_LINK = "placeholder_in_link";

  public RestoredAnswer {
    Objects.requireNonNull(inspection, "inspection");
    Objects.requireNonNull(outcome, "outcome");
  }

  static RestoredAnswer unchanged(CompletionInspection inspection, VaultOutcome outcome) {
    return new RestoredAnswer(inspection, outcome, 0, 0);
  }

  /** Whether the answer carries originals: consumers other than the caller must treat it as personal data. */
  public boolean holdsOriginals() {
    return restored > 0;
  }

  /** Guard-event categories to audit: why the caller did not get its data back, and placeholders left in links. */
  public List<String> auditCategories() {
    List<String> categories = new ArrayList<>(2);
    outcome.auditCategory().ifPresent(categories::add);
    if (keptInLinks > 0) {
      categories.add(PLACEHOLDER_IN_LINK);
    }
    return categories;
  }
}
