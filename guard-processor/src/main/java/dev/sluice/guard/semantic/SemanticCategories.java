package dev.sluice.guard.semantic;

import dev.sluice.guard.injection.InjectionCategories;
import java.util.Set;

/**
 * The attack classes of the known-attack corpus. Four are the rules' own classes ({@link InjectionCategories}), so a
 * rule finding and a semantic finding of the same attack carry the same tag; three are classes only the semantic
 * tier reports.
 */
public final class SemanticCategories {

  /** Getting the model to send out conversation data, secrets or files (links, webhooks, dumps). */
  public static final String DATA_EXFILTRATION = "data_exfiltration";
  /** Fake system messages, forged prior turns or claimed authority that redraw what the model thinks is allowed. */
  public static final String CONTEXT_MANIPULATION = "context_manipulation";
  /** Instructions planted in a document, page or email, addressed to the model that processes it. */
  public static final String INDIRECT_INJECTION = "indirect_injection";

  /** Every category a corpus line may be filed under. */
  public static final Set<String> ALL = Set.of(InjectionCategories.INSTRUCTION_OVERRIDE,
      InjectionCategories.ROLE_MANIPULATION, InjectionCategories.JAILBREAK_PERSONA,
      InjectionCategories.SYSTEM_PROMPT_EXTRACTION, DATA_EXFILTRATION, CONTEXT_MANIPULATION, INDIRECT_INJECTION);

  private SemanticCategories() {
  }
}
