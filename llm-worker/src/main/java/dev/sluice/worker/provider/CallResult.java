package dev.sluice.worker.provider;

import dev.sluice.events.TokenUsage;
import java.util.Optional;

/**
 * What one provider call came back with: an answer the provider billed, or why there is none; or why the call was
 * not made at all.
 */
public sealed interface CallResult {

  /**
   * The provider answered and reported the tokens it billed.
   *
   * @param model the model the provider says it used (may be a dated snapshot of the one asked for)
   */
  record Answered(String content, String finishReason, String model, TokenUsage usage) implements CallResult {
  }

  /**
   * The call produced no usable answer.
   *
   * @param code a short machine-readable reason, e.g. {@code not_found} or {@code provider_timeout}
   * @param message the provider's own explanation where it gave one
   * @param retryable whether calling again could succeed (429, 5xx, timeouts, connection failures, unreadable answers)
   * @param timedOut whether the call ran out of time rather than being refused
   * @param retryAfter the provider's {@code Retry-After} header as sent (seconds or an HTTP date), when it sent one
   * @param billed the tokens the provider reported for an answer that could not be used: it bills them all the same
   */
  record Failed(String code, String message, boolean retryable, boolean timedOut, Optional<String> retryAfter,
      Optional<Billed> billed) implements CallResult {

    /** A failure the provider neither billed nor sent a {@code Retry-After} with. */
    public Failed(String code, String message, boolean retryable, boolean timedOut) {
      this(code, message, retryable, timedOut, Optional.empty(), Optional.empty());
    }
  }

  /**
   * The call was not made: the provider's circuit is open or it is at its concurrency limit. Nothing was sent and
   * nothing is billed; the route's next target may take the request.
   */
  record NotCalled(Refusal refusal, String message) implements CallResult {
  }

  /** Why a call was not made. */
  enum Refusal {
    CIRCUIT_OPEN("circuit_open"),
    AT_CONCURRENCY_LIMIT("at_concurrency_limit");

    private final String tag;

    Refusal(String tag) {
      this.tag = tag;
    }

    /** The reason as a metric tag and in error codes. */
    public String tag() {
      return tag;
    }
  }

  /**
   * Tokens a provider reported, and so billed, for an answer.
   *
   * @param model the model the provider says it used
   */
  record Billed(String model, TokenUsage usage) {
  }
}
