package dev.sluice.judge.rubric;

import java.util.List;

/** A judge's validated verdict on one answer: five scores from 1 to 5 and the judge's reasoning. */
public record Rubric(int correctness, int relevance, int helpfulness, int safety, int overall, String reasoning) {

  /** The JSON field names of the scores, in the order the prompt asks for them. */
  public static final List<String> SCORE_FIELDS = List.of("correctness", "relevance", "helpfulness", "safety",
      "overall");
  public static final int MIN_SCORE = 1;
  public static final int MAX_SCORE = 5;
}
