package dev.sluice.guard.topology;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.Completion;
import dev.sluice.events.Detection;
import dev.sluice.events.ErrorInfo;
import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardStage;
import dev.sluice.events.GuardVerdict;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.inspection.CompletionInspection;
import dev.sluice.guard.inspection.RequestInspection;
import dev.sluice.guard.inspection.Verdict;
import dev.sluice.guard.vault.ReversibleMasking;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the events the guard writes from its verdicts. Nothing here copies matched text or raw PII. */
final class GuardOutputs {

  /**
   * Error code of a request the input guard blocked, and finish reason of an answer the output guard withheld (the
   * code and the finish reason OpenAI uses for filtered content).
   */
  static final String CONTENT_FILTER = "content_filter";
  /** Error code of a request refused for its shape. */
  static final String INVALID_REQUEST = "invalid_request";
  /** Stage timing key of the provider call. */
  static final String LLM_STAGE = "llm";

  private GuardOutputs() {
  }

  static GuardedRequest guardedRequest(RequestInspection inspection, Instant guardedAt) {
    return GuardedRequest.newBuilder()
        .setRequest(inspection.request())
        .setVerdict(verdict(inspection.verdict()))
        .setGuardedAt(guardedAt)
        .build();
  }

  /** The terminal response to a request the input guard blocked or rejected. */
  static ChatResponse refusal(ChatRequest request, Verdict verdict, Instant respondedAt) {
    boolean blocked = verdict.action() == GuardAction.BLOCK;
    return ChatResponse.newBuilder()
        .setRequestId(request.getRequestId())
        .setTenantId(request.getTenantId())
        .setStatus(blocked ? ResponseStatus.BLOCKED : ResponseStatus.REJECTED)
        .setError(new ErrorInfo(blocked ? CONTENT_FILTER : INVALID_REQUEST, verdict.reason()))
        .setModel(request.getModel())
        .setRespondedAt(respondedAt)
        .build();
  }

  /**
   * The terminal response to a completion: its (masked, sanitized) answer; or, when the output guard withheld the
   * answer, status BLOCKED with finish reason {@value #CONTENT_FILTER}, no content and the guard's reason. Usage
   * and cost stay: the provider call was made and billed either way.
   */
  static ChatResponse response(CompletionInspection inspection, Instant respondedAt) {
    Completion completion = inspection.completion();
    ChatResponse.Builder response = ChatResponse.newBuilder()
        .setRequestId(completion.getRequestId())
        .setTenantId(completion.getTenantId())
        .setStatus(completion.getStatus())
        .setContent(completion.getContent())
        .setFinishReason(completion.getFinishReason())
        .setError(completion.getError())
        .setModel(completion.getModel())
        .setUsage(completion.getUsage())
        .setCostNanos(completion.getCostNanos())
        .setCache(completion.getCache())
        .setAttempts(completion.getAttempts())
        .setStageTimings(Map.of(LLM_STAGE, completion.getLatencyMs()))
        .setRespondedAt(respondedAt);
    if (inspection.withheld()) {
      response.setStatus(ResponseStatus.BLOCKED)
          .setContent(null)
          .setFinishReason(CONTENT_FILTER)
          .setError(new ErrorInfo(CONTENT_FILTER, inspection.verdict().reason()));
    }
    return response.build();
  }

  /**
   * One audit event per finding. Event ids are derived from the requestId, stage and position, so a consumer can
   * drop the copies a reprocessed record produces.
   */
  static List<GuardEvent> events(String requestId, String tenantId, GuardStage stage, Verdict verdict,
      Instant occurredAt) {
    List<GuardEvent> events = new ArrayList<>(verdict.findings().size());
    String idPrefix = requestId + ":" + stage.name().toLowerCase(Locale.ROOT) + ":";
    for (Finding finding : verdict.findings()) {
      events.add(GuardEvent.newBuilder()
          .setEventId(idPrefix + events.size())
          .setRequestId(requestId)
          .setTenantId(tenantId)
          .setStage(stage)
          .setDetector(finding.detector())
          .setCategory(finding.category())
          .setScore(finding.score())
          .setThreatLevel(finding.threatLevel())
          .setAction(verdict.action())
          .setSpanStart(finding.span() == null ? null : finding.span().start())
          .setSpanEnd(finding.span() == null ? null : finding.span().end())
          .setOccurredAt(occurredAt)
          .build());
    }
    return events;
  }

  /**
   * An audit event of the PII vault ({@code category} from a fixed set, see {@code VaultOutcome}); {@code position}
   * continues the numbering of the verdict's events.
   */
  static GuardEvent vaultEvent(String requestId, String tenantId, GuardStage stage, int position, String category,
      GuardAction action, Instant occurredAt) {
    return GuardEvent.newBuilder()
        .setEventId(requestId + ":" + stage.name().toLowerCase(Locale.ROOT) + ":" + position)
        .setRequestId(requestId)
        .setTenantId(tenantId)
        .setStage(stage)
        .setDetector(ReversibleMasking.DETECTOR)
        .setCategory(category)
        .setScore(1.0)
        .setThreatLevel(ThreatLevel.NONE)
        .setAction(action)
        .setOccurredAt(occurredAt)
        .build();
  }

  private static GuardVerdict verdict(Verdict verdict) {
    List<Detection> detections = new ArrayList<>(verdict.findings().size());
    for (Finding finding : verdict.findings()) {
      detections.add(Detection.newBuilder()
          .setDetector(finding.detector())
          .setCategory(finding.category())
          .setScore(finding.score())
          .setSpanStart(finding.span() == null ? null : finding.span().start())
          .setSpanEnd(finding.span() == null ? null : finding.span().end())
          .build());
    }
    return GuardVerdict.newBuilder()
        .setAction(verdict.action())
        .setThreatLevel(verdict.threatLevel())
        .setDetections(detections)
        .setPiiMasked(verdict.piiMasked())
        .setReason(verdict.reason())
        .build();
  }
}
