package dev.sluice.judge.client;

import dev.sluice.events.TokenUsage;
import java.util.Objects;

/**
 * What the judge model answered to one billed call.
 *
 * @param content the reply text, empty when the model sent none
 * @param usage the tokens the provider billed for the call
 * @param usageReported whether the provider reported usage; when it did not, the tokens are zeros
 */
public record JudgeReply(String content, TokenUsage usage, boolean usageReported) {

  public JudgeReply {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(usage, "usage");
  }
}
