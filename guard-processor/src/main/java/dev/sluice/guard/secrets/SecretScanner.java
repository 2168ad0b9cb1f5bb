package dev.sluice.guard.secrets;

import dev.sluice.guard.detect.Ranged;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds credentials in text: private keys, JSON Web Tokens, provider API tokens and secret-looking values assigned
 * to secret-named keys. Stateless and thread-safe.
 */
public final class SecretScanner {

  // Most specific first: a JWT assigned to "token=" is reported as a JWT, not as an assigned secret.
  private final List<SecretDetector> detectors = List.of(new PrivateKeyBlockDetector(), new JwtDetector(),
      new ProviderTokenDetector(), new AssignedSecretDetector());

  /** The credentials in {@code text}, sorted by start, never overlapping: of two that overlap, the more specific. */
  public List<SecretMatch> find(String text) {
    List<SecretMatch> accepted = new ArrayList<>(0);
    List<SecretMatch> candidates = new ArrayList<>(0);
    for (SecretDetector detector : detectors) {
      candidates.clear();
      detector.find(text, candidates);
      for (SecretMatch candidate : candidates) {
        Ranged.insertUnlessOverlapping(accepted, candidate);
      }
    }
    return accepted;
  }
}
