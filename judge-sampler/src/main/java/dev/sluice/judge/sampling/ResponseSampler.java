package dev.sluice.judge.sampling;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.ResponseStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides which responses the judge scores. The decision is a pure function of the requestId, so every replica,
 * replay and restart picks the same responses, and the sample is spread evenly over tenants and time.
 */
public final class ResponseSampler {

  /** 2^-53: turns the top 53 bits of a long into a double in [0, 1) without rounding. */
  private static final double UNIT_53 = 0x1.0p-53;

  private final double rate;

  /**
   * @param rate share of OK responses to judge, from 0 (none) to 1 (all)
   */
  public ResponseSampler(double rate) {
    if (!(rate >= 0.0 && rate <= 1.0)) {
      throw new IllegalArgumentException("sluice.judge.sample-rate must be between 0 and 1, was " + rate);
    }
    this.rate = rate;
  }

  /** Whether to judge this response: it is OK, has content to judge, and its requestId falls under the rate. */
  public boolean shouldJudge(ChatResponse response) {
    return response.getStatus() == ResponseStatus.OK
        && response.getContent() != null
        && !response.getContent().isBlank()
        && isSampled(response.getRequestId());
  }

  /** Whether this requestId falls under the rate. */
  public boolean isSampled(String requestId) {
    return fractionOf(requestId) < rate;
  }

  /** The first 8 bytes of SHA-256 of the UTF-8 requestId, read as an unsigned fraction in [0, 1). */
  public static double fractionOf(String requestId) {
    long first8 = ByteBuffer.wrap(sha256(requestId.getBytes(StandardCharsets.UTF_8))).getLong();
    return (first8 >>> 11) * UNIT_53;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }
}
