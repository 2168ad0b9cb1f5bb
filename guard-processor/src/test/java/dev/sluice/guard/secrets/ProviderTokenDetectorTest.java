package dev.sluice.guard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderTokenDetectorTest {

  // Tokens are assembled at run time so that no token-shaped literal sits in the repository.
  private static final String RANDOM_36 = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xYz1C3";

  private static List<SecretMatch> find(String text) {
    List<SecretMatch> matches = new ArrayList<>();
    new ProviderTokenDetector().find(text, matches);
    return matches;
  }

  private static void assertFindsExactly(String token, SecretKind kind) {
    String text = "here: " + token + " (do not share)";

    assertThat(find(text)).containsExactly(new SecretMatch(kind, 6, 6 + token.length()));
  }

  @Test
  void findsAwsAccessKeyIds() {
    assertFindsExactly("AKIAIOSFODNN7EXAMPLE", SecretKind.AWS_ACCESS_KEY_ID);
    assertFindsExactly("ASIA" + "Q3EGQ7B2XYZ4ABCD", SecretKind.AWS_ACCESS_KEY_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"})
  void findsGitHubTokens(String prefix) {
    assertFindsExactly(prefix + RANDOM_36, SecretKind.GITHUB_TOKEN);
  }

  @Test
  void findsFineGrainedGitHubTokens() {
    assertFindsExactly("github_pat_11ABCDEFG0" + RANDOM_36 + "_" + RANDOM_36, SecretKind.GITHUB_TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"})
  void findsSlackTokens(String prefix) {
    assertFindsExactly(prefix + "123456789012-1234567890123-" + RANDOM_36.substring(0, 24), SecretKind.SLACK_TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-", "sk-proj-", "sk-svcacct-", "sk-ant-"})
  void findsOpenAiStyleKeys(String prefix) {
    assertFindsExactly(prefix + RANDOM_36 + "T3BlbkFJ" + RANDOM_36, SecretKind.API_KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AKIAIOSFODNN7EXAMPL",                     // one character short
      "XAKIAIOSFODNN7EXAMPLE",                   // inside a longer word
      "ghp_tooShort123",
      "task-force-alpha-bravo-charlie-delta-2",  // "sk-" inside a word
      "sk-this-is-not-a-real-key",               // no digit: a phrase, not a key
      "sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",      // far too regular to be generated
      "xoxb-not-a-token-at-all",
      "ASIA is a continent, ASIAN FOOD STALLS"})
  void leavesLookAlikesAlone(String text) {
    assertThat(find(text)).isEmpty();
  }

  @Test
  void findsEveryTokenOfEveryKindInOneText() {
    String github = "ghp_" + RANDOM_36;
    String text = "aws AKIAIOSFODNN7EXAMPLE then " + github + " and again AKIAIOSFODNN7EXAMPLE";

    assertThat(find(text)).extracting(SecretMatch::kind)
        .containsExactlyInAnyOrder(SecretKind.AWS_ACCESS_KEY_ID, SecretKind.AWS_ACCESS_KEY_ID, SecretKind.GITHUB_TOKEN);
  }
}
