package dev.sluice.worker.resilience;

/** Why a provider call is repeated, as a metric tag. */
public enum RetryReason {
  RATE_LIMITED("rate_limited"),
  SERVER_ERROR("server_error"),
  TIMEOUT("timeout"),
  MALFORMED("malformed"),
  UNREACHABLE("unreachable");

  private final String tag;

  RetryReason(String tag) {
    this.tag = tag;
  }

  public String tag() {
    return tag;
  }

  /** The reason for a retryable failure with this code (see {@code OpenAiFailures}). */
  public static RetryReason ofFailureCode(String code) {
    return switch (code) {
      case "rate_limited" -> RATE_LIMITED;
      case "provider_timeout", "request_timeout" -> TIMEOUT;
      case "invalid_provider_response" -> MALFORMED;
      case "provider_unreachable" -> UNREACHABLE;
      default -> SERVER_ERROR;
    };
  }
}
