package dev.sluice.worker.completion;

import dev.sluice.events.ChatRequest;
import dev.sluice.worker.provider.CallResult;
import dev.sluice.worker.provider.ChatProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every call the worker handed to a provider client, seen from the worker's side: a busy simulator may read a call
 * later than it was sent, so only this side tells when the worker started it.
 */
final class CallLog {

  private final Clock clock;
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  CallLog(Clock clock) {
    this.clock = clock;
  }

  /** {@code provider}, logging each call it is given and what came of it. */
  ChatProvider recording(ChatProvider provider) {
    return new ChatProvider() {
      @Override
      public String name() {
        return provider.name();
      }

      @Override
      public CompletableFuture<CallResult> complete(ChatRequest request, String model, Duration timeout) {
        Instant startedAt = clock.instant();
        return provider.complete(request, model, timeout).whenComplete((result, error) -> calls.add(
            new Call(provider.name(), request.getRequestId(), request.getDeadline(), startedAt, timeout, result)));
      }
    };
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /** One call: who was asked, when it started, how long it was given, and its result. */
  record Call(String provider, String requestId, Instant deadline, Instant startedAt, Duration timeout,
      CallResult result) {
  }
}
