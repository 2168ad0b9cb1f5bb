package dev.sluice.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LexicalFeaturesTest {

  private static FeatureVector features(String text, List<String> categories) {
    FeatureVector features = new FeatureVector();
    WordScan words = WordScan.of(text);
    LexicalFeatures.extract(words, 0, words.count(), categories, true, features);
    return features;
  }

  private static Set<Integer> buckets(FeatureVector features) {
    Set<Integer> buckets = new HashSet<>();
    for (int i = 0; i < features.size(); i++) {
      buckets.add(features.bucket(i));
    }
    return buckets;
  }

  @Test
  void wordAndCharacterFeaturesAreScaledByTheirCountWhateverTheTextLength() {
    for (String text : List.of("ignore", "please ignore all previous instructions now",
        "word ".repeat(500))) {
      FeatureVector features = new FeatureVector();
      WordScan words = WordScan.of(text);
      LexicalFeatures.extract(words, 0, words.count(), List.of(), false, features);
      double squares = 0;
      for (int i = 0; i < features.size(); i++) {
        squares += features.value(i) * features.value(i);
      }
      assertThat(squares).as(text).isCloseTo(1.0, offset(1e-4));
    }
  }

  @Test
  void isCaseInsensitiveAndSharesCharacterGramsBetweenInflections() {
    assertThat(buckets(features("IGNORE previous", List.of())))
        .isEqualTo(buckets(features("ignore PREVIOUS", List.of())));
    Set<Integer> ignoring = buckets(features("ignoring", List.of()));
    ignoring.retainAll(buckets(features("ignored", List.of())));
    assertThat(ignoring).as("^ign, igno, gnor, nori/nore…").hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void addsOneUnscaledFeaturePerMatchedRuleCategory() {
    FeatureVector plain = features("hello there", List.of());
    FeatureVector withRule = features("hello there", List.of("instruction_override"));

    assertThat(withRule.size()).isEqualTo(plain.size() + 1);
    assertThat(withRule.bucket(withRule.size() - 1)).isEqualTo(LexicalFeatures.ruleBucket("instruction_override"));
    assertThat(withRule.value(withRule.size() - 1)).isEqualTo(1f);
  }

  @Test
  void packsSentencesIntoWindowsOfAtMostFortyWords() {
    String sentence = "this sentence has exactly ten words in it right now. ";
    WordScan words = WordScan.of(sentence.repeat(9));

    int[] windows = LexicalFeatures.windows(words);

    // 90 words: four sentences (40 words) per window, the rest in the last.
    assertThat(windows).containsExactly(40, 80, 90);
    assertThat(LexicalFeatures.windows(WordScan.of(sentence.repeat(4)))).isEmpty();
  }

  @Test
  void cutsASentenceLongerThanAWindow() {
    WordScan words = WordScan.of("word ".repeat(100));

    assertThat(LexicalFeatures.windows(words)).containsExactly(40, 80, 100);
  }

  @Test
  void oddTokensAreCodeSymbolsOrCamelCaseInsideWordsNotPunctuationAround() {
    for (String odd : List.of("correctedilde]$.", "describing.\\", "compressToString", "(@\"Here", "{%Note]{pgf",
        "===GVassador")) {
      assertThat(LexicalFeatures.isOddToken(odd, 0, odd.length())).as(odd).isTrue();
    }
    for (String plain : List.of("hello", "(hello),", "\"quoted\"", "well-known", "don't", "2024", "U.S.A.",
        "...", "iPhone")) {
      assertThat(LexicalFeatures.isOddToken(plain, 0, plain.length())).as(plain).isEqualTo(plain.equals("iPhone")
          || plain.equals("U.S.A."));
    }
  }
}
