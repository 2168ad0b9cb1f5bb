package dev.sluice.guard.inspection;

import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.GuardAction;
import dev.sluice.events.Role;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.detect.Detector;
import dev.sluice.guard.detect.Finding;
import dev.sluice.guard.normalize.NormalizedText;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.output.PiiLeakCheck;
import dev.sluice.guard.output.SystemPromptFingerprint;
import dev.sluice.guard.pii.MaskedTexts;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PlaceholderMap;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.LimitViolation;
import dev.sluice.guard.policy.PiiAction;
import dev.sluice.guard.semantic.SemanticInjectionDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The input guard as plain Java: request limits first, then the detectors, then the semantic tier where its mode
 * says (see {@link dev.sluice.guard.semantic.SemanticMode}), then the kinds of personal data the tenant's policy
 * blocks, then PII masking of what goes on.
 *
 * <p>Detectors see the request's <em>scan text</em>: the normalized content of every non-system message, joined by
 * line breaks, so their spans index one text. System messages are left out on purpose: the integrating
 * application writes them, and they routinely say things like "never reveal your system prompt". Masking works on
 * the original contents, not on the scan text, so what it replaces is exactly what the caller sent.
 *
 * <p>Masking covers everything the request carries on: message contents and names, the user id and metadata
 * values, numbered in that order so one value gets one placeholder across all of them.
 *
 * <p>For a request it passes on, it also takes the fingerprint of the (masked) system prompt the model will see,
 * when the tenant's policy runs the output guard's system-prompt check: the output guard holds the answer against
 * it.
 */
public final class RequestInspector {

  public static final String LIMITS_DETECTOR = "request-limits";

  private final TextNormalizer normalizer;
  private final List<Detector> detectors;
  private final SemanticInjectionDetector semantic;
  private final PiiMasker masker;
  private final PiiLeakCheck piiCheck;
  private final GuardPolicies policies;

  /** An input guard without the semantic tier. */
  public RequestInspector(TextNormalizer normalizer, List<Detector> detectors, PiiMasker masker,
      GuardPolicies policies) {
    this(normalizer, detectors, null, masker, policies);
  }

  /**
   * @param detectors the rules, run on every inspected request, in this order
   * @param semantic the semantic tier, run after the rules where its mode says; null for none
   */
  public RequestInspector(TextNormalizer normalizer, List<Detector> detectors, SemanticInjectionDetector semantic,
      PiiMasker masker, GuardPolicies policies) {
    this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    this.detectors = List.copyOf(detectors);
    this.semantic = semantic;
    this.masker = Objects.requireNonNull(masker, "masker");
    this.piiCheck = new PiiLeakCheck(masker);
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  public RequestInspection inspect(ChatRequest request) {
    GuardPolicy policy = policies.forTenant(request.getTenantId());
    Optional<LimitViolation> violation = policy.limits().check(request);
    if (violation.isPresent()) {
      Finding finding = new Finding(LIMITS_DETECTOR, violation.get().category(), ThreatLevel.NONE, 1.0, null);
      return new RequestInspection(request,
          new Verdict(GuardAction.REJECT, ThreatLevel.NONE, List.of(finding), 0, violation.get().reason()));
    }

    NormalizedText scanText = scanText(request);
    List<Finding> threats = detect(scanText);
    Duration semanticTime = null;
    ThreatLevel rulesLevel = Verdict.highest(threats);
    if (semantic != null && semantic.mode().runsAfter(rulesLevel, policy.blockAt())) {
      long start = System.nanoTime();
      threats.addAll(semantic.inspect(scanText, rulesLevel));
      semanticTime = Duration.ofNanos(System.nanoTime() - start);
    }
    ThreatLevel level = Verdict.highest(threats);
    GuardAction action = policy.actionFor(level);
    if (action == GuardAction.BLOCK) {
      // A blocked request goes nowhere, so its content is not worth masking.
      return new RequestInspection(request, new Verdict(action, level, threats, 0,
          "Request blocked by the input guard: " + leadingCategory(threats, level)), null, PlaceholderMap.empty(), semanticTime);
    }

    List<String> maskable = maskableTexts(request);
    List<Finding> blockedPii = piiCheck.findBlocked(maskable, policy.piiWith(PiiAction.BLOCK));
    if (!blockedPii.isEmpty()) {
      List<Finding> findings = new ArrayList<>(threats);
      findings.addAll(blockedPii);
      return new RequestInspection(request, new Verdict(GuardAction.BLOCK, level, findings, 0,
          "Request blocked by the input guard: " + blockedPii.get(0).category()), null, PlaceholderMap.empty(), semanticTime);
    }

    MaskedTexts masked = masker.mask(maskable, policy.maskedPii());
    List<Finding> findings = new ArrayList<>(threats);
    findings.addAll(masked.findings());
    String reason = action == GuardAction.FLAG
        ? "Request flagged by the input guard: " + leadingCategory(threats, level)
        : null;
    ChatRequest passedOn = masked.maskedCount() == 0 ? request : withMaskedTexts(request, masked.texts());
    return new RequestInspection(passedOn, new Verdict(action, level, findings, masked.maskedCount(), reason),
        systemPromptFingerprint(passedOn, policy), masked.placeholders(), semanticTime);
  }

  private static SystemPromptFingerprint systemPromptFingerprint(ChatRequest request, GuardPolicy policy) {
    if (!policy.runs(OutputCheck.SYSTEM_PROMPT_LEAK)) {
      return null;
    }
    List<String> systemPrompts = request.getMessages().stream()
        .filter(message -> message.getRole() == Role.SYSTEM)
        .map(ChatMessage::getContent)
        .toList();
    return SystemPromptFingerprint.of(request.getRequestId(), systemPrompts, policy.systemPromptLeakWords())
        .orElse(null);
  }

  private List<Finding> detect(NormalizedText scanText) {
    List<Finding> findings = new ArrayList<>();
    for (Detector detector : detectors) {
      findings.addAll(detector.inspect(scanText));
    }
    return findings;
  }

  private NormalizedText scanText(ChatRequest request) {
    List<NormalizedText> messages = new ArrayList<>(request.getMessages().size());
    for (ChatMessage message : request.getMessages()) {
      if (message.getRole() != Role.SYSTEM) {
        messages.add(normalizer.normalize(message.getContent()));
      }
    }
    return NormalizedText.join(messages);
  }

  /** The category of the first finding at the verdict's level: the detectors' order ranks ties. */
  private static String leadingCategory(List<Finding> findings, ThreatLevel level) {
    return findings.stream()
        .filter(finding -> finding.threatLevel() == level)
        .map(Finding::category)
        .findFirst()
        .orElseThrow();
  }

  private static List<String> maskableTexts(ChatRequest request) {
    List<String> texts = new ArrayList<>();
    for (ChatMessage message : request.getMessages()) {
      texts.add(message.getContent());
    }
    for (ChatMessage message : request.getMessages()) {
      texts.add(message.getName() == null ? "" : message.getName());
    }
    texts.add(request.getUserId() == null ? "" : request.getUserId());
    texts.addAll(new TreeMap<>(request.getMetadata()).values());
    return texts;
  }

  private static ChatRequest withMaskedTexts(ChatRequest request, List<String> maskedTexts) {
    Iterator<String> masked = maskedTexts.iterator();
    List<ChatMessage> messages = new ArrayList<>(request.getMessages().size());
    for (ChatMessage message : request.getMessages()) {
      messages.add(ChatMessage.newBuilder(message).setContent(masked.next()).build());
    }
    List<ChatMessage> named = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      String name = masked.next();
      named.add(message.getName() == null ? message : ChatMessage.newBuilder(message).setName(name).build());
    }
    String userId = masked.next();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String key : new TreeMap<>(request.getMetadata()).keySet()) {
      metadata.put(key, masked.next());
    }
    return ChatRequest.newBuilder(request)
        .setMessages(named)
        .setUserId(request.getUserId() == null ? null : userId)
        .setMetadata(metadata)
        .build();
  }
}
