package dev.sluice.guard.topology;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.Completion;
import dev.sluice.events.GuardEvent;
import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The output guard: {@code completions} → deduplicate by requestId → run the tenant's output checks (against the
 * system-prompt fingerprint the input guard stored) → exactly one {@code responses} record per request, the answer
 * masked and sanitized, or withheld as BLOCKED with finish reason {@code content_filter}; findings to
 * {@code guard.events}.
 */
public final class OutputGuardTopology {

  /**
   * Window store of requestIds already answered; changelog
   * {@code <application.id>-output-guard-responded-store-changelog}.
   */
  public static final String RESPONDED_STORE = "output-guard-responded-store";

  private OutputGuardTopology() {
  }

  /** Adds the output guard to {@code builder}, which must hold {@link GuardTopology#SYSTEM_PROMPT_STORE}. */
  public static void addTo(StreamsBuilder builder, SluiceTopics topics, CompletionInspector inspector,
      GuardTopologyOptions options) {
    TopicDescriptor<String, Completion> completions = topics.completions();
    TopicDescriptor<String, ChatResponse> responses = topics.responses();
    TopicDescriptor<String, GuardEvent> guardEvents = topics.guardEvents();

    builder.addStateStore(
        HandledRequestIds.storeBuilder(RESPONDED_STORE, completions.keySerde(), options.dedupeRetention()));

    KStream<String, OutputGuardOutcome> outcomes = builder
        .stream(completions.name(),
            Consumed.with(completions.keySerde(), completions.valueSerde()).withName("output-guard-source"))
        .process(() -> new OutputGuardProcessor(inspector, options), Named.as("output-guard-inspect"),
            RESPONDED_STORE, GuardTopology.SYSTEM_PROMPT_STORE);

    outcomes
        .flatMapValues(OutputGuardOutcome::events, Named.as("output-guard-events"))
        .to(guardEvents.name(), Produced.with(guardEvents.keySerde(), guardEvents.valueSerde())
            .withName("output-guard-events-sink"));

    outcomes
        .mapValues(OutputGuardOutcome::response, Named.as("output-guard-response"))
        .to(responses.name(), Produced.with(responses.keySerde(), responses.valueSerde())
            .withName("output-guard-responses-sink"));
  }
}
