package dev.sluice.guard.policy;

/** What the guard does with one kind of personal data, on the way in and on the way out. */
public enum PiiAction {
  /** Replaced by a typed placeholder; the request or answer goes on. */
  MASK,
  /** The request is blocked, or the answer withheld, when this kind occurs. */
  BLOCK,
  /** Left as it is and not looked for. */
  ALLOW
}
