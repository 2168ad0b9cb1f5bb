package dev.sluice.guard.topology;

import dev.sluice.events.Completion;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardStage;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.inspection.CompletionInspection;
import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.guard.vault.RestoredAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns each completion into the request's one response. A completion for a requestId that already got its
 * response (the worker redelivered it after a crash or rebalance) is dropped. Duplicates share the record key, so
 * they meet in the same partition and the same store. The system-prompt fingerprint the input guard stored for the
 * request is read for the inspection and deleted once the response is produced. For a tenant in PII mode
 * REVERSIBLE the caller's originals are then restored into the checked answer.
 */
final class OutputGuardProcessor implements Processor<String, Completion, String, OutputGuardOutcome> {

  private final CompletionInspector inspector;
  private final GuardTopologyOptions options;
  private ProcessorContext<String, OutputGuardOutcome> context;
  private HandledRequestIds responded;
  private SystemPromptFingerprints systemPrompts;

  OutputGuardProcessor(CompletionInspector inspector, GuardTopologyOptions options) {
    this.inspector = inspector;
    this.options = options;
  }

  @Override
  public void init(ProcessorContext<String, OutputGuardOutcome> context) {
    this.context = context;
    this.responded = new HandledRequestIds(context.getStateStore(OutputGuardTopology.RESPONDED_STORE),
        options.dedupeRetention());
    this.systemPrompts = new SystemPromptFingerprints(
        context.getStateStore(GuardTopology.SYSTEM_PROMPT_STORE), options.dedupeRetention());
  }

  @Override
  public void process(Record<String, Completion> record) {
    Completion completion = record.value();
    if (completion == null) {
      throw new UnprocessableRecordException("Completion record without a value (key " + record.key() + ")");
    }
    String requestId = completion.getRequestId();
    if (requestId.isBlank()) {
      throw new UnprocessableRecordException("Completion without a requestId");
    }
    if (responded.contains(requestId, record.timestamp())) {
      options.metrics().duplicateDropped(GuardStage.OUTPUT);
      return;
    }

    Optional<SystemPromptFingerprints.Stored> systemPrompt = systemPrompts.find(requestId, record.timestamp());
    CompletionInspection checked = inspector.inspect(completion,
        systemPrompt.map(SystemPromptFingerprints.Stored::fingerprint).orElse(null));
    // After the checks, so they neither mask the caller's own data nor miss personal data the model made up.
    RestoredAnswer restored = options.reversibleMasking().restore(completion, checked);
    CompletionInspection inspection = restored.inspection();
    Instant now = options.clock().instant();
    List<GuardEvent> events = new ArrayList<>(
        GuardOutputs.events(requestId, completion.getTenantId(), GuardStage.OUTPUT, inspection.verdict(), now));
    for (String category : restored.auditCategories()) {
      events.add(GuardOutputs.vaultEvent(requestId, completion.getTenantId(), GuardStage.OUTPUT, events.size(),
          category, inspection.verdict().action(), now));
    }
    OutputGuardOutcome outcome = new OutputGuardOutcome(GuardOutputs.response(inspection, now), events,
        restored.holdsOriginals());

    responded.add(requestId, record.timestamp(), now.toEpochMilli());
    systemPrompt.ifPresent(stored -> systemPrompts.remove(requestId, stored));
    context.forward(record.withKey(requestId).withValue(outcome));
    options.metrics().decided(GuardStage.OUTPUT, inspection.verdict().action());
    for (Finding finding : inspection.verdict().findings()) {
      options.metrics().detected(GuardStage.OUTPUT, finding.category(), inspection.verdict().action());
    }
  }
}
