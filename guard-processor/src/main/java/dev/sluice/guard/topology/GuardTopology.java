package dev.sluice.guard.topology;

import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.schemas.topics.SluiceTopics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The guard-processor's topology: the input guard and the output guard as two independent sub-topologies of one
 * Streams application.
 *
 * <p>One application rather than two: the guards share the detection engine, the deployment and the scaling
 * signal (guard work per request), and one application means one consumer group, one set of stream threads and
 * one health state to watch. They still share no state and no source topic, so Streams runs them as separate
 * tasks (0_x and 1_x) that rebalance, restore and fail over on their own.
 *
 * <p>Why the output guard's dedupe store need not cover the input guard's BLOCKED/REJECTED responses: the input
 * guard answers a request only when it does not pass it on, so the worker never sees it and no completion for it
 * ever reaches the output guard; the two sets of responses are disjoint by construction. That holds per
 * <em>decision</em>, so the input guard decides each requestId once (its own seen-store drops a republished
 * request), and the output guard drops redelivered completions. A shared store would instead force both guards
 * into one sub-topology and require {@code requests} and {@code completions} to be co-partitioned.
 */
public final class GuardTopology {

  private GuardTopology() {
  }

  /** Builds both guards reading and writing the topics of {@code topics}; no I/O happens here. */
  public static Topology build(SluiceTopics topics, RequestInspector requestInspector,
      CompletionInspector completionInspector, GuardTopologyOptions options) {
    StreamsBuilder builder = new StreamsBuilder();
    InputGuardTopology.addTo(builder, topics, requestInspector, options);
    OutputGuardTopology.addTo(builder, topics, completionInspector, options);
    return builder.build();
  }
}
