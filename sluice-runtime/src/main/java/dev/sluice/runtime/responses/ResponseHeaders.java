package dev.sluice.runtime.responses;

/** Header names on {@code sluice.responses} records that every consumer of the topic must honour. */
public final class ResponseHeaders {

  /**
   * {@code true} on a response whose content carries personal data restored for a tenant in PII mode REVERSIBLE:
   * for the caller only. A consumer that passes answers on (to a judge model, an analytics store) must leave such
   * responses out or mask them again. The guard sets it on no other response, whatever a completion carried.
   */
  public static final String HOLDS_PERSONAL_DATA = "sluice-pii-restored";

  private ResponseHeaders() {
  }
}
