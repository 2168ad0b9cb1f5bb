package dev.sluice.guard.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API credentials with a fixed, documented prefix: AWS access key ids, GitHub, Slack and OpenAI-style tokens. Each
 * format is only tried where its prefix occurs ({@link String#indexOf}), never at every position of the text.
 */
final class ProviderTokenDetector implements SecretDetector {

  /** Bodies of generated API keys are random; a key-shaped phrase like {@code sk-this-is-my-example} is not. */
  private static final double MIN_API_KEY_BITS_PER_CHARACTER = 3.0;

  private record TokenFormat(String prefix, SecretKind kind, Pattern pattern) {
  }

  // Possessive quantifiers: a token body is never given back, so a long near-miss costs one pass.
  private static final List<TokenFormat> FORMATS = List.of(
      new TokenFormat("AKIA", SecretKind.AWS_ACCESS_KEY_ID, Pattern.compile("AKIA[A-Z0-9]{16}")),
      new TokenFormat("ASIA", SecretKind.AWS_ACCESS_KEY_ID, Pattern.compile("ASIA[A-Z0-9]{16}")),
      new TokenFormat("gh", SecretKind.GITHUB_TOKEN, Pattern.compile("gh[pousr]_[A-Za-z0-9]{36,251}+")),
      new TokenFormat("github_pat_", SecretKind.GITHUB_TOKEN, Pattern.compile("github_pat_[A-Za-z0-9_]{22,244}+")),
      new TokenFormat("xox", SecretKind.SLACK_TOKEN, Pattern.compile("xox[baprs]-[A-Za-z0-9-]{10,250}+")),
      new TokenFormat("sk-", SecretKind.API_KEY,
          Pattern.compile("sk-(?:proj-|svcacct-|admin-|ant-)?+([A-Za-z0-9_-]{20,250}+)")));

  @Override
  public void find(String text, List<SecretMatch> matches) {
    for (TokenFormat format : FORMATS) {
      int at = text.indexOf(format.prefix());
      if (at < 0) {
        continue;
      }
      Matcher matcher = format.pattern().matcher(text);
      while (at >= 0) {
        int next = at + 1;
        if (!TokenCharacters.tokenCharacterBefore(text, at)
            && matcher.region(at, text.length()).lookingAt()
            && !TokenCharacters.tokenCharacterAt(text, matcher.end())
            && plausible(format.kind(), matcher)) {
          matches.add(new SecretMatch(format.kind(), at, matcher.end()));
          next = matcher.end();
        }
        at = text.indexOf(format.prefix(), next);
      }
    }
  }

  private static boolean plausible(SecretKind kind, Matcher matcher) {
    return switch (kind) {
      case SLACK_TOKEN -> containsDigit(matcher.group());
      case API_KEY -> {
        String body = matcher.group(1);
        yield containsDigit(body) && TokenCharacters.characterClasses(body) >= 2
            && ShannonEntropy.bitsPerCharacter(body) >= MIN_API_KEY_BITS_PER_CHARACTER;
      }
      default -> true;
    };
  }

  private static boolean containsDigit(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }
}
