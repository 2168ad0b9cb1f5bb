package dev.sluice.runtime.pricing;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Price of one model in nano-USD per one million tokens (USD 2.50 per 1M = 2_500_000_000).
 *
 * @param inputNanosPerMillion uncached input tokens
 * @param cachedInputNanosPerMillion input tokens served from the provider's prompt cache
 * @param outputNanosPerMillion output tokens, reasoning tokens included unless {@code reasoningNanosPerMillion} is set
 * @param reasoningNanosPerMillion reasoning tokens, a part of the output tokens as OpenAI reports them
 *     ({@code completion_tokens_details.reasoning_tokens}); empty when they cost what output costs
 */
public record ModelPrice(long inputNanosPerMillion, long cachedInputNanosPerMillion, long outputNanosPerMillion,
    OptionalLong reasoningNanosPerMillion) {

  public ModelPrice {
    Objects.requireNonNull(reasoningNanosPerMillion, "reasoningNanosPerMillion");
    if (inputNanosPerMillion < 0 || cachedInputNanosPerMillion < 0 || outputNanosPerMillion < 0
        || reasoningNanosPerMillion.orElse(0) < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }

  /** A model whose reasoning tokens cost what its output tokens cost. */
  public ModelPrice(long inputNanosPerMillion, long cachedInputNanosPerMillion, long outputNanosPerMillion) {
    this(inputNanosPerMillion, cachedInputNanosPerMillion, outputNanosPerMillion, OptionalLong.empty());
  }

  /** The price of a reasoning token: its own when the table gives one, else the output price. */
  public long effectiveReasoningNanosPerMillion() {
    return reasoningNanosPerMillion.orElse(outputNanosPerMillion);
  }
}
