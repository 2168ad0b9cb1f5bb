package dev.sluice.guard.topology;

import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.schemas.topics.SluiceTopics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The guard-processor's topology: the input guard and the output guard in one Kafka Streams application, joined by
 * one store.
 *
 * <p>The output guard's system-prompt check compares an answer with the request's system prompt, which only the
 * input guard sees. The input guard stores the prompt's fingerprint (shingle hashes, never text) by requestId in
 * {@value #SYSTEM_PROMPT_STORE}; the output guard reads it for the request's completion and deletes it once the
 * response is out. A store connected to both processors puts both guards into one sub-topology: task {@code 0_p}
 * reads partition {@code p} of {@code requests} and of {@code completions}, and a request and its completion meet
 * in the same task because:
 * <ul>
 *   <li>both topics are keyed by requestId (ingress keys requests by it, the worker keys completions by it) with
 *       the default partitioner, and</li>
 *   <li>both have the same number of partitions: every Sluice topic is created with
 *       {@code sluice.topic-partitions} (see {@code SluiceRuntimeAutoConfiguration}). An operator who adds
 *       partitions to one of them must add the same number to the other.</li>
 * </ul>
 * Streams does not check this co-partitioning for a shared store (it does for joins). When it does not hold, or a
 * producer keys a request by something else than its requestId, the output guard finds no fingerprint and the
 * system-prompt check does not run for that request (it fails open); every other check still runs.
 *
 * <p>With exactly-once processing the fingerprint's changelog write commits in the same transaction as the guarded
 * request, so a completion can never arrive for a request whose fingerprint was lost.
 *
 * <p>For tenants in PII mode REVERSIBLE the two guards also share the PII vault in Redis (see
 * {@link dev.sluice.guard.vault.ReversibleMasking}): the input guard writes a request's placeholder map before
 * forwarding it, the output guard reads it after its checks. Neither is part of the Streams transaction; both are
 * safe to repeat when a record is processed again.
 *
 * <p>Each guard also keeps its own dedupe store: the input guard decides each requestId once, the output guard
 * answers each once. The two sets of responses are disjoint by construction (the input guard answers only requests
 * it does not pass on, and only passed-on requests get completions), so neither dedupe store needs the other's.
 */
public final class GuardTopology {

  /**
   * Window store of the system-prompt fingerprints of requests awaiting their answer; changelog
   * {@code <application.id>-system-prompt-fingerprint-store-changelog}.
   */
  public static final String SYSTEM_PROMPT_STORE = "system-prompt-fingerprint-store";

  private GuardTopology() {
  }

  /** Builds both guards reading and writing the topics of {@code topics}; no I/O happens here. */
  public static Topology build(SluiceTopics topics, RequestInspector requestInspector,
      CompletionInspector completionInspector, GuardTopologyOptions options) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(SystemPromptFingerprints.storeBuilder(SYSTEM_PROMPT_STORE, topics.requests().keySerde(),
        options.dedupeRetention()));
    InputGuardTopology.addTo(builder, topics, requestInspector, options);
    OutputGuardTopology.addTo(builder, topics, completionInspector, options);
    return builder.build();
  }
}
