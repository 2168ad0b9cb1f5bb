package dev.sluice.judge.scoring;

import dev.sluice.events.JudgeScore;
import dev.sluice.events.UsageRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one billed judge call: its usage always (the call was billed whatever it said), and either a
 * score or the reason the reply was not a valid rubric.
 */
public record Judgement(UsageRecord usage, Optional<JudgeScore> score, Optional<String> invalidReason) {

  public Judgement {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(invalidReason, "invalidReason");
    if (score.isPresent() == invalidReason.isPresent()) {
      throw new IllegalArgumentException("a judgement has either a score or an invalid reason");
    }
  }

  static Judgement scored(UsageRecord usage, JudgeScore score) {
    return new Judgement(usage, Optional.of(score), Optional.empty());
  }

  static Judgement invalid(UsageRecord usage, String reason) {
    return new Judgement(usage, Optional.empty(), Optional.of(reason));
  }
}
