package dev.sluice.worker.limits;

import java.util.Optional;

/**
 * What one provider allows all replicas together: requests (one per call) and tokens (input and output, estimated
 * before the call and corrected after it). An empty limit is not enforced.
 */
public record ProviderLimit(Optional<BucketLimit> requests, Optional<BucketLimit> tokens) {

  public static ProviderLimit perMinute(Long requestsPerMinute, Long tokensPerMinute) {
    return new ProviderLimit(Optional.ofNullable(requestsPerMinute).map(BucketLimit::perMinute),
        Optional.ofNullable(tokensPerMinute).map(BucketLimit::perMinute));
  }

  boolean limitsNothing() {
    return requests.isEmpty() && tokens.isEmpty();
  }
}
