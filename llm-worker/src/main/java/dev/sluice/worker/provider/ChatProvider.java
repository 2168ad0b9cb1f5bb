package dev.sluice.worker.provider;

import dev.sluice.events.ChatRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A model provider that answers one chat request per call, asynchronously. */
public interface ChatProvider {

  /** The provider's name, as in the price table. */
  String name();

  /**
   * Makes one call. The future never completes exceptionally: a provider error, a timeout or a bad answer is a
   * {@link CallResult.Failed} carrying the reason, so callers decide on retries from a value, not an exception.
   *
   * @param model the model to ask, one this provider serves (the request's own {@code model} may be an alias)
   * @param timeout the longest the whole call may take
   */
  CompletableFuture<CallResult> complete(ChatRequest request, String model, Duration timeout);
}
