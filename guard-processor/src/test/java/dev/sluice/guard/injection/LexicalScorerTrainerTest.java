package dev.sluice.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.guard.normalize.TextNormalizer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexicalScorerTrainerTest {

  private static final LexicalScorer.Provenance PROVENANCE = new LexicalScorer.Provenance("toy", "00", 8);
  private static final LexicalScorerTrainer.Settings SETTINGS =
      new LexicalScorerTrainer.Settings(20, 0.2, 1.0, 0.01, 0.1, 42L);

  private final TextNormalizer normalizer = new TextNormalizer();
  private final LexicalScorerTrainer trainer = new LexicalScorerTrainer(InjectionRules.defaults(), SETTINGS);

  private List<LexicalScorerTrainer.Example> toyExamples() {
    List<LexicalScorerTrainer.Example> examples = new ArrayList<>();
    for (String attack : List.of("zorblat the grommets now", "zorblat every grommet", "please zorblat it",
        "zorblat quickly")) {
      examples.add(trainer.example(normalizer.normalize(attack), true));
    }
    for (String benign : List.of("water the plants now", "feed every cat", "please water it", "walk quickly")) {
      examples.add(trainer.example(normalizer.normalize(benign), false));
    }
    return examples;
  }

  private double probability(LexicalScorer scorer, String text) {
    InjectionDetector.Matches matches = new InjectionDetector(InjectionRules.defaults())
        .match(normalizer.normalize(text));
    return scorer.probability(matches.readings(), matches.matchedCategories());
  }

  @Test
  void learnsTheWordsThatSeparateTheLabels() {
    LexicalScorer scorer = trainer.train(toyExamples(), PROVENANCE);

    assertThat(probability(scorer, "zorblat the cat")).isGreaterThan(0.5);
    assertThat(probability(scorer, "water the cat")).isLessThan(0.5);
    assertThat(scorer.provenance()).isEqualTo(PROVENANCE);
  }

  @Test
  void trainsTheSameWeightsBitForBitFromTheSameExamples() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();

    trainer.train(toyExamples(), PROVENANCE).write(first);
    new LexicalScorerTrainer(InjectionRules.defaults(), SETTINGS).train(toyExamples(), PROVENANCE).write(second);

    assertThat(first.toByteArray()).isEqualTo(second.toByteArray());
  }

  @Test
  void keepsTheWindowsOfLongTextsAsInstancesOfTheirOwn() {
    String longText = "A calm sentence about gardens and rain. ".repeat(20);

    LexicalScorerTrainer.Example benign = trainer.example(normalizer.normalize(longText), false);
    LexicalScorerTrainer.Example shortText = trainer.example(normalizer.normalize("water the plants"), false);

    assertThat(benign.readings()).hasSize(1);
    assertThat(benign.windows()).hasSize(LexicalFeatures.windows(WordScan.of(longText)).length).hasSizeGreaterThan(1);
    assertThat(shortText.windows()).isEmpty();
  }
}
