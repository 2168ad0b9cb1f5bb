package dev.sluice.guard.policy;

import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.output.LinkAllowList;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.pii.PiiType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * One layer of policy configuration ({@code sluice.guard.default-policy.*} or {@code sluice.guard.tenants.<id>.*}):
 * every setting is optional, and a set one replaces the same setting of the layer below. {@code piiActions} merges
 * kind by kind, so a tenant that only blocks cards keeps the default for every other kind; the sets
 * ({@code outputChecks}, {@code linkAllowList}) replace the lower layer's set as a whole.
 */
public record PolicySettings(
    ThreatLevel flagAt,
    ThreatLevel blockAt,
    Integer maxMessages,
    Integer maxContentChars,
    Integer maxMessageChars,
    Map<PiiType, PiiAction> piiActions,
    Set<OutputCheck> outputChecks,
    Integer systemPromptLeakWords,
    Set<String> linkAllowList,
    PiiMode piiMode) {

  /** The constructor configuration binds (a record with a second constructor needs it named). */
  @ConstructorBinding
  public PolicySettings(ThreatLevel flagAt, ThreatLevel blockAt, Integer maxMessages, Integer maxContentChars,
      Integer maxMessageChars, Map<PiiType, PiiAction> piiActions, Set<OutputCheck> outputChecks,
      Integer systemPromptLeakWords, Set<String> linkAllowList, PiiMode piiMode) {
    this.flagAt = flagAt;
    this.blockAt = blockAt;
    this.maxMessages = maxMessages;
    this.maxContentChars = maxContentChars;
    this.maxMessageChars = maxMessageChars;
    this.piiActions = piiActions;
    this.outputChecks = outputChecks;
    this.systemPromptLeakWords = systemPromptLeakWords;
    this.linkAllowList = linkAllowList;
    this.piiMode = piiMode;
  }

  /** A layer that leaves the PII mode as the layer below has it. */
  public PolicySettings(ThreatLevel flagAt, ThreatLevel blockAt, Integer maxMessages, Integer maxContentChars,
      Integer maxMessageChars, Map<PiiType, PiiAction> piiActions, Set<OutputCheck> outputChecks,
      Integer systemPromptLeakWords, Set<String> linkAllowList) {
    this(flagAt, blockAt, maxMessages, maxContentChars, maxMessageChars, piiActions, outputChecks,
        systemPromptLeakWords, linkAllowList, null);
  }

  /** A layer that sets nothing. */
  public static PolicySettings none() {
    return new PolicySettings(null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * {@code base} with this layer's settings applied.
   *
   * @throws IllegalArgumentException naming the setting, when the result is not a valid policy
   */
  public GuardPolicy applyTo(GuardPolicy base) {
    RequestLimits limits = new RequestLimits(
        or(maxMessages, base.limits().maxMessages()),
        or(maxContentChars, base.limits().maxContentChars()),
        or(maxMessageChars, base.limits().maxMessageChars()));
    Map<PiiType, PiiAction> actions = new EnumMap<>(base.piiActions());
    if (piiActions != null) {
      piiActions.forEach((type, action) -> {
        if (type == null || action == null) {
          throw new IllegalArgumentException("pii-actions needs a PII type and an action (MASK, BLOCK or ALLOW) "
              + "for each entry");
        }
        actions.put(type, action);
      });
    }
    return new GuardPolicy(
        or(flagAt, base.flagAt()),
        or(blockAt, base.blockAt()),
        limits,
        actions,
        or(outputChecks, base.outputChecks()),
        or(systemPromptLeakWords, base.systemPromptLeakWords()),
        linkAllowList == null ? base.linkAllowList() : new LinkAllowList(linkAllowList),
        or(piiMode, base.piiMode()));
  }

  private static <T> T or(T setting, T fallback) {
    return setting != null ? setting : fallback;
  }
}
