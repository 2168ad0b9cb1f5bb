package dev.sluice.guard.normalize;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Replaces Base64, hex and URL-encoded (percent-escaped) segments with the text they encode, so an instruction
 * smuggled as "SWdub3JlIGFsbC..." is read like any other. Only plausible segments are decoded (long enough, of the
 * right alphabet, and decoding to valid UTF-8 that is mostly letters), so identifiers, hashes and binary payloads stay
 * as they are. Decoded text is decoded again for nested encodings, at most {@link #MAX_ROUNDS} times; since decoding
 * never makes a segment longer, the work stays linear in the text's length whatever the input.
 */
final class EncodedSegmentDecoding {

  static final int MAX_ROUNDS = 3;
  /** 16 Base64 characters are 12 bytes: shorter runs are too often ordinary words or identifiers. */
  private static final int MIN_BASE64 = 16;
  private static final int MIN_HEX_DIGITS = 16;
  private static final int MIN_HEX_PAIRS = 8;
  private static final int MIN_PERCENT_ESCAPES = 2;
  private static final int MIN_DECODED_CHARS = 4;
  /** The shortest token worth a look: two percent escapes and two letters ("a%20b%20c"). */
  private static final int MIN_ENCODED_TOKEN = 8;

  /** {@code text} with every plausible encoded segment replaced by its decoded text; {@code text} itself if none. */
  String decode(String text) {
    String current = text;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      String next = decodeOnce(current);
      if (next == null) {
        break;
      }
      current = next;
    }
    return current;
  }

  /** One pass over the space-separated tokens; null when nothing was decoded. */
  private static String decodeOnce(String text) {
    StringBuilder out = null;
    int copied = 0;
    int i = 0;
    while (i < text.length()) {
      if (isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int end = tokenEnd(text, i);
      Replacement replacement = null;
      if (end - i == 2) {
        int pairsEnd = hexPairsEnd(text, i, end);
        replacement = pairsEnd > 0 ? hexPairs(text, i, pairsEnd) : null;
      } else if (end - i >= MIN_ENCODED_TOKEN) {
        replacement = decodeToken(text, i, end);
      }
      if (replacement != null) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, replacement.start()).append(replacement.decoded());
        copied = replacement.end();
        i = Math.max(end, replacement.end());
      } else {
        i = end;
      }
    }
    return out == null ? null : out.append(text, copied, text.length()).toString();
  }

  /** Decoded text for {@code [start, end)} of the text it came from. */
  private record Replacement(int start, int end, String decoded) {
  }

  private static Replacement decodeToken(String text, int start, int end) {
    if (countPercentEscapes(text, start, end) >= MIN_PERCENT_ESCAPES) {
      String decoded = plausibleText(percentDecode(text, start, end));
      return decoded == null ? null : new Replacement(start, end, decoded);
    }
    if (text.startsWith("\\x", start)) {
      return escapedHex(text, start, end);
    }
    return base64OrHexRun(text, start, end);
  }

  /** The longest run of Base64 characters in the token, decoded as hex when it is all hex digits. */
  private static Replacement base64OrHexRun(String text, int start, int end) {
    int bestStart = -1;
    int bestEnd = -1;
    int i = start;
    while (i < end) {
      if (!isBase64Character(text.charAt(i))) {
        i++;
        continue;
      }
      int runEnd = i;
      while (runEnd < end && isBase64Character(text.charAt(runEnd))) {
        runEnd++;
      }
      if (runEnd - i > bestEnd - bestStart) {
        bestStart = i;
        bestEnd = runEnd;
      }
      i = runEnd;
    }
    if (bestEnd - bestStart < Math.min(MIN_BASE64, MIN_HEX_DIGITS)) {
      return null;
    }
    int padded = bestEnd;
    while (padded < end && padded - bestEnd < 2 && text.charAt(padded) == '=') {
      padded++;
    }
    String run = text.substring(bestStart, bestEnd);
    byte[] bytes = isHex(run) ? hexBytes(run) : base64Bytes(run);
    String decoded = bytes == null ? null : plausibleText(bytes);
    return decoded == null ? null : new Replacement(bestStart, padded, decoded);
  }

  private static boolean isBase64Character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '-' || c == '_';
  }

  /** Bytes of a Base64 run (standard or URL-safe alphabet, padding optional), or null when it is not Base64. */
  private static byte[] base64Bytes(String run) {
    if (run.length() < MIN_BASE64 || run.length() % 4 == 1 || !mixesCase(run)) {
      return null;
    }
    boolean urlSafe = run.indexOf('-') >= 0 || run.indexOf('_') >= 0;
    if (urlSafe && (run.indexOf('+') >= 0 || run.indexOf('/') >= 0)) {
      return null;
    }
    try {
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(withPadding(run));
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  /** Base64 of text mixes upper and lower case; long words and all-caps names do not. */
  private static boolean mixesCase(String run) {
    int upper = 0;
    int lower = 0;
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      }
    }
    // One capital could begin a word ("Internationalization"); Base64 of text has many.
    return upper >= 2 && lower >= 2;
  }

  private static String withPadding(String run) {
    int missing = (4 - run.length() % 4) % 4;
    return missing == 0 ? run : run + "=".repeat(missing);
  }

  private static boolean isHex(String run) {
    if (run.length() < MIN_HEX_DIGITS || run.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < run.length(); i++) {
      if (Character.digit(run.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] hexBytes(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (Character.digit(hex.charAt(2 * i), 16) << 4 | Character.digit(hex.charAt(2 * i + 1), 16));
    }
    return bytes;
  }

  /** "\x49\x67\x6e..." as one token. */
  private static Replacement escapedHex(String text, int start, int end) {
    StringBuilder hex = new StringBuilder();
    int i = start;
    while (i + 3 < end && text.startsWith("\\x", i) && isHexDigit(text.charAt(i + 2))
        && isHexDigit(text.charAt(i + 3))) {
      hex.append(text, i + 2, i + 4);
      i += 4;
    }
    if (hex.length() / 2 < MIN_HEX_PAIRS) {
      return null;
    }
    String decoded = plausibleText(hexBytes(hex.toString()));
    return decoded == null ? null : new Replacement(start, i, decoded);
  }

  /** End of a run of at least {@link #MIN_HEX_PAIRS} two-digit hex tokens separated by single spaces, else -1. */
  private static int hexPairsEnd(String text, int start, int firstTokenEnd) {
    if (firstTokenEnd - start != 2 || !isHexDigit(text.charAt(start)) || !isHexDigit(text.charAt(start + 1))) {
      return -1;
    }
    int pairs = 1;
    int end = firstTokenEnd;
    while (end + 2 < text.length() && text.charAt(end) == ' ' && isHexDigit(text.charAt(end + 1))
        && isHexDigit(text.charAt(end + 2))
        && (end + 3 == text.length() || Character.isWhitespace(text.charAt(end + 3)))) {
      pairs++;
      end += 3;
    }
    return pairs >= MIN_HEX_PAIRS ? end : -1;
  }

  private static Replacement hexPairs(String text, int start, int end) {
    StringBuilder hex = new StringBuilder();
    for (int i = start; i < end; i += 3) {
      hex.append(text, i, i + 2);
    }
    String decoded = plausibleText(hexBytes(hex.toString()));
    return decoded == null ? null : new Replacement(start, end, decoded);
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int countPercentEscapes(String text, int start, int end) {
    int count = 0;
    for (int i = start; i + 2 < end; i++) {
      if (text.charAt(i) == '%' && isHexDigit(text.charAt(i + 1)) && isHexDigit(text.charAt(i + 2))) {
        count++;
      }
    }
    return count;
  }

  /** Percent escapes become bytes and '+' a space (form encoding); other characters stay as they are. */
  private static byte[] percentDecode(String text, int start, int end) {
    // Escapes, hex digits and '+' are ASCII, and UTF-8 never uses an ASCII byte inside a multi-byte character.
    byte[] in = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[in.length];
    int length = 0;
    for (int i = 0; i < in.length; i++) {
      byte b = in[i];
      if (b == '%' && i + 2 < in.length && isHexDigit((char) in[i + 1]) && isHexDigit((char) in[i + 2])) {
        out[length++] = (byte) (Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out[length++] = b == '+' ? (byte) ' ' : b;
      }
    }
    return Arrays.copyOf(out, length);
  }

  /** The bytes as text when they are valid UTF-8 without control characters and at least half letters; else null. */
  static String plausibleText(byte[] bytes) {
    String decoded;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      decoded = chars.toString();
    } catch (CharacterCodingException notText) {
      return null;
    }
    int letters = 0;
    int visible = 0;
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return null;
      }
      if (!Character.isWhitespace(c)) {
        visible++;
        letters += Character.isLetter(c) ? 1 : 0;
      }
    }
    return letters >= MIN_DECODED_CHARS && 2 * letters >= visible ? decoded : null;
  }

  private static int tokenEnd(String text, int start) {
    int end = start;
    while (end < text.length() && !isWhitespace(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || (c < ' ' || c >= 0x80) && Character.isWhitespace(c);
  }
}
