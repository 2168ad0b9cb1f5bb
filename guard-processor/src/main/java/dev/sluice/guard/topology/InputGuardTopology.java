package dev.sluice.guard.topology;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardedRequest;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The input guard: {@code requests} → inspect (deduplicated by requestId) → passed on to
 * {@code requests.guarded} (with the system prompt's fingerprint stored for the output guard), or answered
 * BLOCKED/REJECTED on {@code responses}; every finding to {@code guard.events}.
 */
public final class InputGuardTopology {

  /** Window store of requestIds already decided; changelog {@code <application.id>-input-guard-seen-store-changelog}. */
  public static final String SEEN_STORE = "input-guard-seen-store";

  private InputGuardTopology() {
  }

  /** Adds the input guard to {@code builder}, which must hold {@link GuardTopology#SYSTEM_PROMPT_STORE}. */
  public static void addTo(StreamsBuilder builder, SluiceTopics topics, RequestInspector inspector,
      GuardTopologyOptions options) {
    TopicDescriptor<String, ChatRequest> requests = topics.requests();
    TopicDescriptor<String, GuardedRequest> guarded = topics.requestsGuarded();
    TopicDescriptor<String, ChatResponse> responses = topics.responses();
    TopicDescriptor<String, GuardEvent> guardEvents = topics.guardEvents();

    builder.addStateStore(HandledRequestIds.storeBuilder(SEEN_STORE, requests.keySerde(), options.dedupeRetention()));

    KStream<String, InputGuardOutcome> outcomes = builder
        .stream(requests.name(),
            Consumed.with(requests.keySerde(), requests.valueSerde()).withName("input-guard-source"))
        .process(() -> new InputGuardProcessor(inspector, options), Named.as("input-guard-inspect"), SEEN_STORE,
            GuardTopology.SYSTEM_PROMPT_STORE);

    outcomes
        .flatMapValues(InputGuardOutcome::events, Named.as("input-guard-events"))
        .to(guardEvents.name(), Produced.with(guardEvents.keySerde(), guardEvents.valueSerde())
            .withName("input-guard-events-sink"));

    outcomes
        .split(Named.as("input-guard-route"))
        .branch((requestId, outcome) -> outcome.isPassedOn(), Branched.withConsumer(passed -> passed
            .mapValues(InputGuardOutcome::guarded, Named.as("input-guard-guarded-request"))
            .to(guarded.name(), Produced.with(guarded.keySerde(), guarded.valueSerde())
                .withName("input-guard-guarded-sink")), "-passed"))
        .defaultBranch(Branched.withConsumer(answered -> answered
            .mapValues(InputGuardOutcome::answer, Named.as("input-guard-refusal"))
            .to(responses.name(), Produced.with(responses.keySerde(), responses.valueSerde())
                .withName("input-guard-responses-sink")), "-answered"));
  }
}
