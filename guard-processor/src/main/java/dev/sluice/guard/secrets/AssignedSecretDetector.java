package dev.sluice.guard.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Values assigned to a key that names a secret, in the shapes configuration and code use: {@code password=…},
 * {@code DB_PASSWORD: …}, <code>"apiKey": "…"</code>, {@code --client-secret=…}, {@code token => '…'},
 * {@code Authorization: Bearer …}. Only the value is reported, and only when it looks generated rather than
 * written: at least {@value #MIN_VALUE_CHARS} characters mixing two character classes, with a Shannon entropy of
 * at least {@value #MIN_BITS_PER_CHARACTER} bits per character. Template references ({@code ${DB_PASSWORD}},
 * {@code <token>}, {@code YOUR_API_KEY}) and masked values ({@code ****}) are no secrets.
 *
 * <p>The search starts from each {@code =} and {@code :} and reads the key backwards, so a text without an
 * assignment costs one pass.
 */
final class AssignedSecretDetector implements SecretDetector {

  static final int MIN_VALUE_CHARS = 8;
  static final double MIN_BITS_PER_CHARACTER = 2.5;
  private static final int MAX_VALUE_CHARS = 512;
  private static final int MAX_KEY_CHARS = 64;
  private static final int MAX_SPACES = 3;

  /** Last words of a key that name a secret on their own ({@code db_password}, {@code GITHUB_TOKEN}). */
  private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "passphrase", "pwd", "pass",
      "secret", "token", "apikey", "credential", "credentials", "authorization", "secretkey", "accesskey",
      "privatekey", "accesstoken", "authtoken", "refreshtoken", "clientsecret");
  /** Words that make a following {@code key} a secret ({@code api_key}, {@code aws_secret_access_key}). */
  private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "private", "signing",
      "encryption", "master", "client", "auth", "session");
  private static final Set<String> AUTHORIZATION_SCHEMES = Set.of("bearer", "basic", "token", "digest");

  @Override
  public void find(String text, List<SecretMatch> matches) {
    int nextEquals = text.indexOf('=');
    int nextColon = text.indexOf(':');
    while (nextEquals >= 0 || nextColon >= 0) {
      int at = nextEquals < 0 ? nextColon : nextColon < 0 ? nextEquals : Math.min(nextEquals, nextColon);
      int resume = at + 1;
      int operatorEnd = operatorEnd(text, at);
      if (operatorEnd >= 0) {
        resume = operatorEnd;
        if (keyNamesSecret(text, at)) {
          Value value = value(text, operatorEnd);
          if (value != null && value.end() - value.start() > MAX_VALUE_CHARS) {
            resume = value.end();
          } else if (value != null && isSecret(value.text(text), value.quoted())) {
            matches.add(new SecretMatch(SecretKind.ASSIGNED_SECRET, value.start(), value.end()));
            resume = value.end();
          }
        }
      }
      nextEquals = nextEquals >= 0 && nextEquals < resume ? text.indexOf('=', resume) : nextEquals;
      nextColon = nextColon >= 0 && nextColon < resume ? text.indexOf(':', resume) : nextColon;
    }
  }

  /** End of the assignment operator at {@code at} ({@code =}, {@code :}, {@code :=}, {@code =>}), or -1. */
  private static int operatorEnd(String text, int at) {
    char next = at + 1 < text.length() ? text.charAt(at + 1) : ' ';
    if (text.charAt(at) == ':') {
      // "::" is a scope or an IPv6 address, ":/" a URL scheme
      return next == ':' || next == '/' ? -1 : next == '=' ? at + 2 : at + 1;
    }
    if (next == '=') {
      return -1;
    }
    boolean comparison = at > 0 && "=!<>".indexOf(text.charAt(at - 1)) >= 0;
    return comparison ? -1 : next == '>' ? at + 2 : at + 1;
  }

  private static boolean keyNamesSecret(String text, int operator) {
    int end = operator;
    int spaces = 0;
    while (end > 0 && text.charAt(end - 1) == ' ' && spaces++ < MAX_SPACES) {
      end--;
    }
    if (end > 0 && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
      end--;
    }
    int start = end;
    while (start > 0 && end - start < MAX_KEY_CHARS && isKeyCharacter(text.charAt(start - 1))) {
      start--;
    }
    return start < end && namesSecret(text.substring(start, end));
  }

  /** True when {@code key}'s last word names a secret: {@code db_password}, {@code apiKey}, {@code X-Auth-Token}. */
  static boolean namesSecret(String key) {
    List<String> words = words(key);
    if (words.isEmpty()) {
      return false;
    }
    String last = words.get(words.size() - 1);
    if (SECRET_WORDS.contains(last)) {
      return true;
    }
    return last.equals("key") && words.size() > 1 && KEY_QUALIFIERS.contains(words.get(words.size() - 2));
  }

  /** Lower-case words of a key split at non-letters and at camel-case humps. */
  private static List<String> words(String key) {
    List<String> words = new ArrayList<>(4);
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean hump = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(key.charAt(i - 1));
      if (!Character.isLetterOrDigit(c) || hump) {
        if (!word.isEmpty()) {
          words.add(word.toString().toLowerCase(Locale.ROOT));
          word.setLength(0);
        }
      }
      if (Character.isLetterOrDigit(c)) {
        word.append(c);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /** Where an assigned value is; {@code quoted} when it stood in quotes. */
  private record Value(int start, int end, boolean quoted) {

    String text(String text) {
      return text.substring(start, end);
    }
  }

  /**
   * The value after an operator ending at {@code from}, or null when there is none or it is too short; a value
   * longer than {@link #MAX_VALUE_CHARS} is returned to be skipped, not judged.
   */
  private static Value value(String text, int from) {
    int start = skipSpaces(text, from);
    char quote = start < text.length() ? text.charAt(start) : ' ';
    boolean quoted = quote == '"' || quote == '\'' || quote == '`';
    if (quoted) {
      start++;
    }
    start = skipAuthorizationScheme(text, start);
    int end = start;
    while (end < text.length() && end - start <= MAX_VALUE_CHARS && !endsValue(text.charAt(end), quoted, quote)) {
      end++;
    }
    if (end - start > MAX_VALUE_CHARS) {
      return new Value(start, end, quoted);
    }
    if (quoted && (end >= text.length() || text.charAt(end) != quote)) {
      return null;
    }
    while (!quoted && end > start && ".:!?".indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return end - start >= MIN_VALUE_CHARS ? new Value(start, end, quoted) : null;
  }

  private static int skipSpaces(String text, int from) {
    int at = from;
    while (at < text.length() && at - from < MAX_SPACES && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
      at++;
    }
    return at;
  }

  /** {@code Authorization: Bearer abc…}: the credential is the word after the scheme. */
  private static int skipAuthorizationScheme(String text, int start) {
    int wordEnd = start;
    while (wordEnd < text.length() && Character.isLetter(text.charAt(wordEnd))) {
      wordEnd++;
    }
    boolean scheme = wordEnd < text.length() && text.charAt(wordEnd) == ' '
        && AUTHORIZATION_SCHEMES.contains(text.substring(start, wordEnd).toLowerCase(Locale.ROOT));
    return scheme ? skipSpaces(text, wordEnd) : start;
  }

  private static boolean endsValue(char c, boolean quoted, char quote) {
    if (quoted) {
      return c == quote || c == '\n' || c == '\r';
    }
    return Character.isWhitespace(c) || ",;\"'`()}]&<>".indexOf(c) >= 0;
  }

  /**
   * True when {@code value} looks generated. Unquoted, a dotted or snake-case name without digits is a reference
   * in code ({@code password=settings.db_password}, {@code "api_key": api_key}), not a literal.
   */
  static boolean isSecret(String value, boolean quoted) {
    return looksGenerated(value) && (quoted || !isCodeReference(value));
  }

  private static boolean looksGenerated(String value) {
    if (value.length() < MIN_VALUE_CHARS || "${<[%*!#(".indexOf(value.charAt(0)) >= 0 || isConstantName(value)) {
      return false;
    }
    return TokenCharacters.characterClasses(value) >= 2
        && ShannonEntropy.bitsPerCharacter(value) >= MIN_BITS_PER_CHARACTER;
  }

  private static boolean isCodeReference(String value) {
    boolean joined = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '_' || c == '.') {
        joined = true;
      } else if (!Character.isLetter(c)) {
        return false;
      }
    }
    return joined && Character.isLetter(value.charAt(0));
  }

  /** {@code YOUR_API_KEY}, {@code DB_PASSWORD}: a reference to a secret, not one. */
  private static boolean isConstantName(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean isKeyCharacter(char c) {
    return TokenCharacters.isAsciiLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }
}
