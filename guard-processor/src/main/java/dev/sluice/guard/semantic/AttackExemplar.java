package dev.sluice.guard.semantic;

import java.util.Objects;

/**
 * One known attack, in a few words.
 *
 * @param category the attack class it stands for; a finding near it carries this category
 * @param text the attack phrasing that is embedded
 */
public record AttackExemplar(String category, String text) {

  public AttackExemplar {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(text, "text");
    if (category.isBlank() || text.isBlank()) {
      throw new IllegalArgumentException("an exemplar needs a category and a text");
    }
  }
}
