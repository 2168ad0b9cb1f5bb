package dev.sluice.ingress.dispatch;

import dev.sluice.events.ChatResponse;
import dev.sluice.ingress.metrics.IngressMetrics;
import java.util.function.Consumer;

/** Hands each response from the responses topic to the caller waiting for it, if that caller is on this replica. */
public final class ResponseRouter implements Consumer<ChatResponse> {

  private final PendingResponses pending;
  private final IngressMetrics metrics;

  public ResponseRouter(PendingResponses pending, IngressMetrics metrics) {
    this.pending = pending;
    this.metrics = metrics;
  }

  @Override
  public void accept(ChatResponse response) {
    if (pending.complete(response)) {
      metrics.responseMatched(response.getStatus());
    } else {
      metrics.responseUnmatched();
    }
  }
}
