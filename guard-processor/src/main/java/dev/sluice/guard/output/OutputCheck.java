package dev.sluice.guard.output;

/** The checks the output guard can run on a model's answer; a tenant's policy says which of them run. */
public enum OutputCheck {
  /** Personal data and secrets in the answer (and in provider error messages): masked, or blocked by policy. */
  PII_LEAK,
  /** The worker's canary from the system prompt appears in the answer: blocked. */
  CANARY_LEAK,
  /** The answer reproduces a run of consecutive words of the request's system prompt: blocked. */
  SYSTEM_PROMPT_LEAK,
  /** Active HTML and data-carrying links or images to hosts outside the allow-list: neutralized or removed. */
  UNSAFE_CONTENT
}
