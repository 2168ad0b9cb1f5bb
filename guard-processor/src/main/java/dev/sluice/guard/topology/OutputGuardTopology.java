package dev.sluice.guard.topology;

import dev.sluice.events.ChatResponse;
import dev.sluice.events.Completion;
import dev.sluice.events.GuardEvent;
import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.runtime.responses.ResponseHeaders;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The output guard: {@code completions} → deduplicate by requestId → run the tenant's output checks (against the
 * system-prompt fingerprint the input guard stored) → exactly one {@code responses} record per request, the answer
 * masked and sanitized (and, for a tenant in PII mode REVERSIBLE, with the caller's originals restored), or
 * withheld as BLOCKED with finish reason {@code content_filter}; findings to {@code guard.events}.
 */
public final class OutputGuardTopology {

  /**
   * Window store of requestIds already answered; changelog
   * {@code <application.id>-output-guard-responded-store-changelog}.
   */
  public static final String RESPONDED_STORE = "output-guard-responded-store";
  /** See {@link ResponseHeaders#HOLDS_PERSONAL_DATA}. */
  public static final String HOLDS_ORIGINALS_HEADER = ResponseHeaders.HOLDS_PERSONAL_DATA;

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
        .processValues(ResponseRecord::new, Named.as("output-guard-response"))
        .to(responses.name(), Produced.with(responses.keySerde(), responses.valueSerde())
            .withName("output-guard-responses-sink"));
  }

  /** The response of an outcome, with {@link #HOLDS_ORIGINALS_HEADER} set exactly when it holds originals. */
  private static final class ResponseRecord implements FixedKeyProcessor<String, OutputGuardOutcome, ChatResponse> {

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private FixedKeyProcessorContext<String, ChatResponse> context;

    @Override
    public void init(FixedKeyProcessorContext<String, ChatResponse> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, OutputGuardOutcome> record) {
      // A copy: the events branch shares the record's headers.
      Headers headers = new RecordHeaders(record.headers().toArray());
      headers.remove(HOLDS_ORIGINALS_HEADER);
      if (record.value().holdsOriginals()) {
        headers.add(HOLDS_ORIGINALS_HEADER, TRUE);
      }
      context.forward(record.withValue(record.value().response()).withHeaders(headers));
    }
  }
}
