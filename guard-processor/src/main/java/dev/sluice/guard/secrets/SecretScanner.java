package dev.sluice.guard.secrets;

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
        acceptUnlessOverlapping(accepted, candidate);
      }
    }
    return accepted;
  }

  /** Inserts {@code candidate} into {@code accepted} (sorted, never overlapping) unless a neighbour overlaps it. */
  private static void acceptUnlessOverlapping(List<SecretMatch> accepted, SecretMatch candidate) {
    int low = 0;
    int high = accepted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (accepted.get(middle).start() < candidate.start()) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    boolean overlapsBefore = low > 0 && accepted.get(low - 1).overlaps(candidate);
    boolean overlapsAfter = low < accepted.size() && accepted.get(low).overlaps(candidate);
    if (!overlapsBefore && !overlapsAfter) {
      accepted.add(low, candidate);
    }
  }
}
