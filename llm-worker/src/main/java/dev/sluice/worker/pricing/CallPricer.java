package dev.sluice.worker.pricing;

import dev.sluice.events.TokenUsage;
import dev.sluice.runtime.pricing.PriceTable;
import java.util.Objects;

/**
 * Prices provider calls from the tokens the provider reported.
 *
 * <p>A call is only made for a model the table prices ({@link #prices}): refusing before the call costs nothing,
 * whereas a call that cannot be priced afterwards has been billed by the provider and would be lost from the cost
 * aggregates. Providers often answer with a dated snapshot of the model asked for (gpt-4o → gpt-4o-2024-08-06); such
 * a call is priced as the model asked for unless the table prices the snapshot itself.
 */
public final class CallPricer {

  private final PriceTable prices;

  public CallPricer(PriceTable prices) {
    this.prices = Objects.requireNonNull(prices, "prices");
  }

  public boolean prices(String provider, String model) {
    return prices.price(provider, model).isPresent();
  }

  /**
   * Cost of one call in nano-USD; its reasoning tokens, a part of its output tokens, at the model's reasoning price
   * where the table gives one (see {@link PriceTable#costNanos(String, String, long, long, long, long)}).
   *
   * @param requestedModel the model the call asked for; must be priced
   * @param reportedModel the model the provider says answered
   */
  public long costNanos(String provider, String requestedModel, String reportedModel, TokenUsage usage) {
    String pricedModel = prices(provider, reportedModel) ? reportedModel : requestedModel;
    return prices.costNanos(provider, pricedModel, usage.getInputTokens(), usage.getCachedInputTokens(),
        usage.getOutputTokens(), usage.getReasoningTokens());
  }
}
