package dev.sluice.guard.injection;

/** The attack classes the injection rules know; they appear in verdicts, events and metric tags. */
public final class InjectionCategories {

  /** "Ignore all previous instructions" and its variants. */
  public static final String INSTRUCTION_OVERRIDE = "instruction_override";
  /** Re-casting the model as something without its rules ("you are now…", "act as … without restrictions"). */
  public static final String ROLE_MANIPULATION = "role_manipulation";
  /** Known jailbreak personas: DAN, "do anything now", "developer mode enabled". */
  public static final String JAILBREAK_PERSONA = "jailbreak_persona";
  /** Asking the model to disclose its system prompt or initial instructions. */
  public static final String SYSTEM_PROMPT_EXTRACTION = "system_prompt_extraction";

  /** Invisible characters splitting words or bidi controls reordering text: hiding text from a human reader. */
  public static final String OBFUSCATION_INVISIBLE_TEXT = "obfuscation_invisible_text";

  private InjectionCategories() {
  }
}
