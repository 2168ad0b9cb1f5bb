package dev.sluice.guard.pii;

import dev.sluice.guard.secrets.SecretMatch;
import dev.sluice.guard.secrets.SecretScanner;
import java.util.List;

/** Credentials (API tokens, private keys, JWTs, secret-named values), found by {@link SecretScanner}. */
final class SecretFinder implements PiiFinder {

  private final SecretScanner scanner = new SecretScanner();

  @Override
  public PiiType type() {
    return PiiType.SECRET;
  }

  @Override
  public void find(String text, DigitRuns digitRuns, List<PiiMatch> matches) {
    for (SecretMatch secret : scanner.find(text)) {
      matches.add(new PiiMatch(PiiType.SECRET, secret.start(), secret.end(),
          text.substring(secret.start(), secret.end())));
    }
  }
}
