package dev.sluice.runtime.pricing;

/**
 * Price of one model in nano-USD per one million tokens (USD 2.50 per 1M = 2_500_000_000).
 *
 * @param inputNanosPerMillion uncached input tokens
 * @param cachedInputNanosPerMillion input tokens served from the provider's prompt cache
 * @param outputNanosPerMillion output tokens, reasoning tokens included
 */
public record ModelPrice(long inputNanosPerMillion, long cachedInputNanosPerMillion, long outputNanosPerMillion) {

  public ModelPrice {
    if (inputNanosPerMillion < 0 || cachedInputNanosPerMillion < 0 || outputNanosPerMillion < 0) {
      throw new IllegalArgumentException("prices must not be negative");
    }
  }
}
