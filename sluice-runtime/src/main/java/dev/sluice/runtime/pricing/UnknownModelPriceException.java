package dev.sluice.runtime.pricing;

/** A call to a model the price table does not know: refusing is better than billing it as free. */
public class UnknownModelPriceException extends IllegalStateException {

  public UnknownModelPriceException(String provider, String model) {
    super("no price for model '" + model + "' of provider '" + provider + "' in the price table");
  }
}
