package dev.sluice.worker.provider;

import dev.sluice.events.TokenUsage;

/** What one provider call came back with: an answer the provider billed, or why there is none. */
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
   * @param retryable whether calling again could succeed (429, 5xx, timeouts, connection failures)
   * @param timedOut whether the call ran out of time rather than being refused
   */
  record Failed(String code, String message, boolean retryable, boolean timedOut) implements CallResult {
  }
}
