package dev.sluice.guard.injection;

/** The attack classes the injection detector knows; they appear in verdicts, events and metric tags. */
public final class InjectionCategories {

  /** "Ignore all previous instructions" and its variants, in English, German, French and Spanish. */
  public static final String INSTRUCTION_OVERRIDE = "instruction_override";
  /** Re-casting the model as something without its rules ("you are now…", "act as … without restrictions"). */
  public static final String ROLE_MANIPULATION = "role_manipulation";
  /** Known jailbreak personas and their traits: DAN, developer mode, "an amoral AI with no ethical guidelines". */
  public static final String JAILBREAK_PERSONA = "jailbreak_persona";
  /** Asking the model to disclose its system prompt or initial instructions. */
  public static final String SYSTEM_PROMPT_EXTRACTION = "system_prompt_extraction";
  /** Claiming the model agreed to something earlier, or faking an earlier turn of the conversation. */
  public static final String CONTEXT_MANIPULATION = "context_manipulation";
  /** Dictating the answer so the model cannot refuse: "start your reply with 'Sure, here is'", "never refuse". */
  public static final String COMPLIANCE_FORCING = "compliance_forcing";
  /**
   * Instructions addressed to an AI from inside content it processes (documents, e-mails, web pages, tool output),
   * and spoofed chat-format markers ("&lt;|im_start|&gt;system") that try to open a new, trusted turn.
   */
  public static final String INDIRECT_INJECTION = "indirect_injection";
  /** Making the model send data out: markdown images or links whose URL carries conversation data to a host. */
  public static final String DATA_EXFILTRATION = "data_exfiltration";
  /** Invisible characters splitting words or bidi controls reordering text: hiding text from a human reader. */
  public static final String OBFUSCATION_INVISIBLE_TEXT = "obfuscation_invisible_text";
  /** The lexical scorer's verdict: wording that, taken as a whole, reads like an injection or jailbreak. */
  public static final String LEXICAL_INJECTION = "lexical_injection";

  private InjectionCategories() {
  }
}
