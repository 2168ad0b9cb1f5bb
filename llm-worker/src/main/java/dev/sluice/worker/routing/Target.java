package dev.sluice.worker.routing;

/** One place a request can go: a model of a provider, written {@code provider:model}. */
public record Target(String provider, String model) {

  /**
   * Reads {@code provider:model}; the provider name holds no colon, the model name may (e.g. {@code llama3:8b}).
   *
   * @throws IllegalArgumentException when either part is missing
   */
  public static Target parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not provider:model");
    }
    return new Target(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
  }

  @Override
  public String toString() {
    return provider + ":" + model;
  }
}
