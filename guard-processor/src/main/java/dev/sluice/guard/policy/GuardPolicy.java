package dev.sluice.guard.policy;

import dev.sluice.events.GuardAction;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.output.LinkAllowList;
import dev.sluice.guard.output.OutputCheck;
import dev.sluice.guard.pii.PiiType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the guard does for one tenant.
 *
 * @param flagAt lowest threat level that flags a request or answer (passes it on, marked)
 * @param blockAt lowest threat level that blocks a request or withholds an answer
 * @param limits request shape limits
 * @param piiActions what happens to each kind of personal data, for every {@link PiiType}
 * @param outputChecks which checks the output guard runs on this tenant's answers
 * @param systemPromptLeakWords how many consecutive words of the system prompt in an answer make a leak
 * @param linkAllowList hosts that links and images in answers may send data to
 * @param piiMode whether what is masked on the way in is put back into the answer on the way out
 */
public record GuardPolicy(ThreatLevel flagAt, ThreatLevel blockAt, RequestLimits limits,
    Map<PiiType, PiiAction> piiActions, Set<OutputCheck> outputChecks, int systemPromptLeakWords,
    LinkAllowList linkAllowList, PiiMode piiMode) {

  /** Long enough that a stock phrase ("you are a helpful assistant") repeated in an answer is no leak. */
  public static final int DEFAULT_SYSTEM_PROMPT_LEAK_WORDS = 12;
  /** Fewer consecutive words would match ordinary phrases shared by prompt and answer. */
  public static final int MIN_SYSTEM_PROMPT_LEAK_WORDS = 4;

  public GuardPolicy {
    Objects.requireNonNull(flagAt, "flagAt");
    Objects.requireNonNull(blockAt, "blockAt");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(piiActions, "piiActions");
    Objects.requireNonNull(outputChecks, "outputChecks");
    Objects.requireNonNull(linkAllowList, "linkAllowList");
    Objects.requireNonNull(piiMode, "piiMode");
    if (flagAt == ThreatLevel.NONE || blockAt == ThreatLevel.NONE) {
      throw new IllegalArgumentException("flag-at and block-at must be above NONE, or every request would match");
    }
    if (flagAt.compareTo(blockAt) > 0) {
      throw new IllegalArgumentException("flag-at (" + flagAt + ") must not be above block-at (" + blockAt + ")");
    }
    EnumMap<PiiType, PiiAction> actions = new EnumMap<>(PiiType.class);
    for (PiiType type : PiiType.values()) {
      PiiAction action = piiActions.get(type);
      if (action == null) {
        throw new IllegalArgumentException("pii-actions has no action for " + type);
      }
      actions.put(type, action);
    }
    piiActions = Collections.unmodifiableMap(actions);
    outputChecks = outputChecks.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(OutputCheck.class))
        : Collections.unmodifiableSet(EnumSet.copyOf(outputChecks));
    if (systemPromptLeakWords < MIN_SYSTEM_PROMPT_LEAK_WORDS) {
      throw new IllegalArgumentException("system-prompt-leak-words must be at least " + MIN_SYSTEM_PROMPT_LEAK_WORDS
          + ": " + systemPromptLeakWords);
    }
  }

  /** A policy in {@link PiiMode#MASK} mode. */
  public GuardPolicy(ThreatLevel flagAt, ThreatLevel blockAt, RequestLimits limits,
      Map<PiiType, PiiAction> piiActions, Set<OutputCheck> outputChecks, int systemPromptLeakWords,
      LinkAllowList linkAllowList) {
    this(flagAt, blockAt, limits, piiActions, outputChecks, systemPromptLeakWords, linkAllowList, PiiMode.MASK);
  }

  /**
   * The defaults: flag from LOW, block from HIGH, mask every kind of personal data for good, run every output check
   * with {@value #DEFAULT_SYSTEM_PROMPT_LEAK_WORDS}-word shingles, and allow no link host.
   */
  public static GuardPolicy defaults(RequestLimits limits) {
    return new GuardPolicy(ThreatLevel.LOW, ThreatLevel.HIGH, limits, everyPiiType(PiiAction.MASK),
        EnumSet.allOf(OutputCheck.class), DEFAULT_SYSTEM_PROMPT_LEAK_WORDS, LinkAllowList.none(), PiiMode.MASK);
  }

  /** {@code action} for every kind of personal data, including kinds added later. */
  public static Map<PiiType, PiiAction> everyPiiType(PiiAction action) {
    EnumMap<PiiType, PiiAction> actions = new EnumMap<>(PiiType.class);
    for (PiiType type : PiiType.values()) {
      actions.put(type, action);
    }
    return actions;
  }

  /** The action for a request or answer whose highest finding is at {@code level}. */
  public GuardAction actionFor(ThreatLevel level) {
    if (level.compareTo(blockAt) >= 0) {
      return GuardAction.BLOCK;
    }
    if (level.compareTo(flagAt) >= 0) {
      return GuardAction.FLAG;
    }
    return GuardAction.ALLOW;
  }

  /** The kinds of personal data this policy handles with {@code action}. */
  public Set<PiiType> piiWith(PiiAction action) {
    EnumSet<PiiType> types = EnumSet.noneOf(PiiType.class);
    piiActions.forEach((type, typeAction) -> {
      if (typeAction == action) {
        types.add(type);
      }
    });
    return types;
  }

  /** The kinds of personal data replaced by placeholders. */
  public Set<PiiType> maskedPii() {
    return piiWith(PiiAction.MASK);
  }

  /** Whether the originals behind this tenant's placeholders are put back into its answers. */
  public boolean restoresPii() {
    return piiMode == PiiMode.REVERSIBLE;
  }

  /** Whether the output guard runs {@code check} for this tenant. */
  public boolean runs(OutputCheck check) {
    return outputChecks.contains(check);
  }
}
