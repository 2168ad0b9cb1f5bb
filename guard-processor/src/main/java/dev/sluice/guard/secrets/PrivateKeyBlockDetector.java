package dev.sluice.guard.secrets;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM blocks that hold a private key ({@code -----BEGIN RSA PRIVATE KEY-----}, {@code OPENSSH}, {@code EC},
 * {@code ENCRYPTED}, PGP {@code PRIVATE KEY BLOCK}…), BEGIN line to END line. A block cut off before its END line
 * is masked to the end of the text: better too much than half a key. Certificates and public keys are not secret.
 */
final class PrivateKeyBlockDetector implements SecretDetector {

  private static final String BEGIN = "-----BEGIN ";
  // Words and spaces alternate, so giving back whole words is linear; the last word tried is PRIVATE.
  private static final Pattern HEADER = Pattern.compile("-----BEGIN ((?:[A-Z0-9]++ )*PRIVATE KEY(?: BLOCK)?)-----");

  @Override
  public void find(String text, List<SecretMatch> matches) {
    int at = text.indexOf(BEGIN);
    if (at < 0) {
      return;
    }
    Matcher header = HEADER.matcher(text);
    while (at >= 0) {
      int next = at + 1;
      if (header.region(at, text.length()).lookingAt()) {
        String endLine = "-----END " + header.group(1) + "-----";
        int endLineAt = text.indexOf(endLine, header.end());
        int end = endLineAt < 0 ? text.length() : endLineAt + endLine.length();
        matches.add(new SecretMatch(SecretKind.PRIVATE_KEY, at, end));
        next = end;
      }
      at = next < text.length() ? text.indexOf(BEGIN, next) : -1;
    }
  }
}
