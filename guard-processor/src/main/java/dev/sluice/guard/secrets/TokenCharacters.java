package dev.sluice.guard.secrets;

/** Character tests for the edges of tokens: a token glued to more token characters is part of something longer. */
final class TokenCharacters {

  private TokenCharacters() {
  }

  static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Letters, digits, '_' and '-': what base64url and most API tokens are made of. */
  static boolean isTokenCharacter(char c) {
    return isAsciiLetterOrDigit(c) || c == '_' || c == '-';
  }

  static boolean tokenCharacterBefore(String text, int start) {
    return start > 0 && isTokenCharacter(text.charAt(start - 1));
  }

  static boolean tokenCharacterAt(String text, int index) {
    return index < text.length() && isTokenCharacter(text.charAt(index));
  }

  /** How many of lower case, upper case, digits and other characters {@code value} mixes. */
  static int characterClasses(CharSequence value) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }
}
