package dev.sluice.guard.secrets;

import dev.sluice.guard.detect.Ranged;
import java.util.Objects;

/**
 * Where one credential is in a text; no value, so it is safe to log.
 *
 * @param kind what kind of credential it is
 * @param start index of its first character
 * @param end index after its last character
 */
public record SecretMatch(SecretKind kind, int start, int end) implements Ranged {

  public SecretMatch {
    Objects.requireNonNull(kind, "kind");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }
}
