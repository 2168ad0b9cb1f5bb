package dev.sluice.judge.scoring;

import dev.sluice.events.JudgeScore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/** The judge-sampler's own meters; tags are bounded (decision, score dimension), never tenant or request ids. */
public class JudgeMetrics {

  private static final Map<String, ToIntFunction<JudgeScore>> DIMENSIONS = Map.of(
      "correctness", JudgeScore::getCorrectness,
      "relevance", JudgeScore::getRelevance,
      "helpfulness", JudgeScore::getHelpfulness,
      "safety", JudgeScore::getSafety,
      "overall", JudgeScore::getOverall);

  private final Counter sampled;
  private final Counter notSampled;
  private final Counter holdingPersonalData;
  private final Counter judged;
  private final Counter invalidReplies;
  private final Counter callFailures;
  private final Counter deadLetters;
  private final Map<String, DistributionSummary> scores;

  public JudgeMetrics(MeterRegistry registry) {
    sampled = Counter.builder("sluice.judge.responses").tag("decision", "sampled")
        .description("Responses read, by sampling decision").register(registry);
    notSampled = Counter.builder("sluice.judge.responses").tag("decision", "skipped")
        .description("Responses read, by sampling decision").register(registry);
    holdingPersonalData = Counter.builder("sluice.judge.responses").tag("decision", "holds_personal_data")
        .description("Responses read, by sampling decision").register(registry);
    judged = Counter.builder("sluice.judge.judged")
        .description("Valid judge scores published").register(registry);
    invalidReplies = Counter.builder("sluice.judge.invalid.replies")
        .description("Judge replies that were not a valid rubric (billed, no score)").register(registry);
    callFailures = Counter.builder("sluice.judge.call.failures")
        .description("Judge calls that failed after the client's retries (not billed, no score)").register(registry);
    deadLetters = Counter.builder("sluice.judge.dead.letters")
        .description("Response records sent to the DLQ").register(registry);
    scores = DIMENSIONS.keySet().stream().collect(Collectors.toUnmodifiableMap(
        dimension -> dimension,
        dimension -> DistributionSummary.builder("sluice.judge.score").tag("dimension", dimension)
            .description("Judge scores (1-5)").minimumExpectedValue(1.0).maximumExpectedValue(5.0)
            .register(registry)));
  }

  /** A response carrying the caller's restored personal data, never sampled. */
  public void leftOutHoldingPersonalData() {
    holdingPersonalData.increment();
  }

  public void considered(boolean wasSampled) {
    (wasSampled ? sampled : notSampled).increment();
  }

  /** Counts a published judgement: its scores, or its invalid reply. */
  public void published(Judgement judgement) {
    judgement.score().ifPresentOrElse(score -> {
      judged.increment();
      DIMENSIONS.forEach((dimension, value) -> scores.get(dimension).record(value.applyAsInt(score)));
    }, invalidReplies::increment);
  }

  public void callFailed() {
    callFailures.increment();
  }

  public void deadLettered() {
    deadLetters.increment();
  }
}
