package dev.sluice.guard.policy;

/** Whether the personal data a tenant's policy masks can come back to the caller in the answer. */
public enum PiiMode {
  /** Placeholders for good: the answer carries them where the model repeated them. */
  MASK,
  /**
   * The originals behind a request's placeholders are kept encrypted for a while, outside the pipeline, and the
   * output guard puts them back into the answer in place of the request's own placeholders.
   */
  REVERSIBLE
}
