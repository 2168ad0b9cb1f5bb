package dev.sluice.guard.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens: three base64url parts joined by dots (the signature may be empty for {@code alg: none}) whose
 * header decodes to a JSON object naming an {@code "alg"}. A JSON header starts with <code>{"</code>, which always
 * encodes to {@code eyJ}: the search starts from there.
 */
final class JwtDetector implements SecretDetector {

  private static final String HEADER_START = "eyJ";
  private static final Pattern JWT = Pattern.compile(
      "eyJ[A-Za-z0-9_-]{2,}+\\.[A-Za-z0-9_-]{2,}+\\.[A-Za-z0-9_-]*+");
  private static final int MAX_HEADER_CHARS = 4_096;

  @Override
  public void find(String text, List<SecretMatch> matches) {
    int at = text.indexOf(HEADER_START);
    if (at < 0) {
      return;
    }
    Matcher matcher = JWT.matcher(text);
    while (at >= 0) {
      int next = at + 1;
      if (!TokenCharacters.tokenCharacterBefore(text, at)
          && matcher.region(at, text.length()).lookingAt()
          && !continues(text, matcher.end())
          && headerNamesAlgorithm(text, at, text.indexOf('.', at))) {
        matches.add(new SecretMatch(SecretKind.JWT, at, matcher.end()));
        next = matcher.end();
      }
      at = text.indexOf(HEADER_START, next);
    }
  }

  /** A fourth part or more token characters mean this is something longer than a JWT (or a JWE). */
  private static boolean continues(String text, int end) {
    boolean anotherPart = end + 1 < text.length() && text.charAt(end) == '.'
        && TokenCharacters.isTokenCharacter(text.charAt(end + 1));
    return TokenCharacters.tokenCharacterAt(text, end) || anotherPart;
  }

  private static boolean headerNamesAlgorithm(String text, int start, int end) {
    if (end - start > MAX_HEADER_CHARS) {
      return false;
    }
    String header;
    try {
      header = new String(Base64.getUrlDecoder().decode(text.substring(start, end)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    return header.startsWith("{") && header.endsWith("}") && header.contains("\"alg\"");
  }
}
