package dev.sluice.guard.topology;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardStage;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.inspection.RequestInspection;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.inspection.Verdict;
import dev.sluice.guard.vault.VaultOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decides each request once: a requestId seen before within the retention is dropped, so a request published twice
 * is neither answered twice nor sent to a provider twice. The outcome is keyed by requestId. For a request it
 * passes on, it stores the fingerprint of the system prompt for the output guard, which reads it in the same task
 * (see {@link GuardTopology} for why that holds), and, for a tenant in PII mode REVERSIBLE, the originals behind its
 * placeholders in the vault.
 *
 * <p>Inspection runs in the stream thread. With the semantic tier on, one inspection embeds a bounded number of
 * pieces of the prompt ({@code sluice.guard.semantic.max-windows} + {@code max-sentences}, each at most
 * {@code window-chars}), so it takes tens of milliseconds and, for the longest prompts, a second or two; Streams
 * polls again within {@code max.poll.interval.ms} however many such records a poll returned.
 */
final class InputGuardProcessor implements Processor<String, ChatRequest, String, InputGuardOutcome> {

  private final RequestInspector inspector;
  private final GuardTopologyOptions options;
  private ProcessorContext<String, InputGuardOutcome> context;
  private HandledRequestIds seen;
  private SystemPromptFingerprints systemPrompts;

  InputGuardProcessor(RequestInspector inspector, GuardTopologyOptions options) {
    this.inspector = inspector;
    this.options = options;
  }

  @Override
  public void init(ProcessorContext<String, InputGuardOutcome> context) {
    this.context = context;
    this.seen = new HandledRequestIds(context.getStateStore(InputGuardTopology.SEEN_STORE),
        options.dedupeRetention());
    this.systemPrompts = new SystemPromptFingerprints(
        context.getStateStore(GuardTopology.SYSTEM_PROMPT_STORE), options.dedupeRetention());
  }

  @Override
  public void process(Record<String, ChatRequest> record) {
    ChatRequest request = record.value();
    if (request == null) {
      throw new UnprocessableRecordException("ChatRequest record without a value (key " + record.key() + ")");
    }
    String requestId = request.getRequestId();
    if (requestId.isBlank()) {
      throw new UnprocessableRecordException("ChatRequest without a requestId");
    }
    if (seen.contains(requestId, record.timestamp())) {
      options.metrics().duplicateDropped(GuardStage.INPUT);
      return;
    }

    RequestInspection inspection = inspector.inspect(request);
    Verdict verdict = inspection.verdict();
    Instant now = options.clock().instant();
    List<GuardEvent> events = new ArrayList<>(
        GuardOutputs.events(requestId, request.getTenantId(), GuardStage.INPUT, verdict, now));
    boolean passedOn = verdict.action() == GuardAction.ALLOW || verdict.action() == GuardAction.FLAG;
    if (passedOn) {
      // Written before the guarded request is forwarded: the worker reads the request only once this record's
      // transaction commits, by when the entry is there.
      VaultOutcome kept = options.reversibleMasking().keep(request, inspection.placeholders());
      kept.auditCategory().ifPresent(category -> events.add(GuardOutputs.vaultEvent(requestId,
          request.getTenantId(), GuardStage.INPUT, events.size(), category, verdict.action(), now)));
    }
    InputGuardOutcome outcome = switch (verdict.action()) {
      case ALLOW, FLAG -> InputGuardOutcome.passedOn(GuardOutputs.guardedRequest(inspection, now), events);
      case BLOCK, REJECT -> InputGuardOutcome.answered(GuardOutputs.refusal(request, verdict, now), events);
    };

    // Remembered only once the outcome is built: a request whose handling threw is not marked as handled.
    seen.add(requestId, record.timestamp(), now.toEpochMilli());
    if (outcome.isPassedOn() && inspection.systemPrompt() != null) {
      systemPrompts.put(requestId, record.timestamp(), inspection.systemPrompt());
    }
    context.forward(record.withKey(requestId).withValue(outcome));
    count(verdict.action(), verdict.findings());
    if (inspection.semanticTierRan()) {
      options.metrics().semanticTierRan(inspection.semanticTime());
    }
  }

  private void count(GuardAction action, List<Finding> findings) {
    options.metrics().decided(GuardStage.INPUT, action);
    for (Finding finding : findings) {
      options.metrics().detected(GuardStage.INPUT, finding.category(), action);
    }
  }
}
