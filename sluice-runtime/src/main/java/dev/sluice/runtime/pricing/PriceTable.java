package dev.sluice.runtime.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Prices per provider and model, read from a properties file of USD per 1M tokens:
 * {@code <provider>.<model>.input}, {@code .cached-input}, {@code .output} and {@code .reasoning} (model names may
 * contain dots). Input and output are required; cached input defaults to the input price, reasoning to the output
 * price. Costs are integer nano-USD, so sums are exact.
 */
public final class PriceTable {

  private static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000L);
  private static final String DEFAULT_RESOURCE = "/sluice/prices.properties";

  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** The table shipped with Sluice. */
  public static PriceTable defaults() {
    try (InputStream in = PriceTable.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
      }
      return parse(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped table, or the file at {@code path} when one is given. */
  public static PriceTable load(Optional<Path> path) {
    if (path.isEmpty()) {
      return defaults();
    }
    try (InputStream in = Files.newInputStream(path.get())) {
      return parse(in, path.get().toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price table " + path.get(), e);
    }
  }

  static PriceTable parse(InputStream in, String origin) throws IOException {
    Properties props = new Properties();
    props.load(in);
    Map<String, BigDecimal[]> parts = new HashMap<>();
    for (String name : props.stringPropertyNames()) {
      int kindAt = name.lastIndexOf('.');
      if (kindAt <= 0 || name.indexOf('.') == kindAt) {
        throw new IllegalArgumentException(origin + ": '" + name + "' is not <provider>.<model>.<kind>");
      }
      String key = name.substring(0, kindAt);
      int slot = switch (name.substring(kindAt + 1)) {
        case "input" -> 0;
        case "cached-input" -> 1;
        case "output" -> 2;
        case "reasoning" -> 3;
        default -> throw new IllegalArgumentException(origin + ": unknown price kind in '" + name
            + "' (input, cached-input, output, reasoning)");
      };
      BigDecimal usd = usd(props.getProperty(name), origin, name);
      parts.computeIfAbsent(key, k -> new BigDecimal[4])[slot] = usd;
    }
    Map<String, ModelPrice> prices = new HashMap<>();
    parts.forEach((key, usd) -> {
      if (usd[0] == null || usd[2] == null) {
        throw new IllegalArgumentException(origin + ": '" + key + "' needs both input and output prices");
      }
      BigDecimal cached = usd[1] == null ? usd[0] : usd[1];
      OptionalLong reasoning = usd[3] == null ? OptionalLong.empty() : OptionalLong.of(toNanos(usd[3], origin, key));
      prices.put(key, new ModelPrice(toNanos(usd[0], origin, key), toNanos(cached, origin, key),
          toNanos(usd[2], origin, key), reasoning));
    });
    return new PriceTable(prices);
  }

  public Optional<ModelPrice> price(String provider, String model) {
    return Optional.ofNullable(prices.get(provider + "." + model));
  }

  /**
   * Cost of one call in nano-USD, its output priced as output whatever part of it went to reasoning. Cached input
   * tokens are a part of the input tokens, as providers report them.
   *
   * @throws UnknownModelPriceException when the table has no price: a call must never be billed as zero by mistake
   */
  public long costNanos(String provider, String model, long inputTokens, long cachedInputTokens, long outputTokens) {
    return costNanos(provider, model, inputTokens, cachedInputTokens, outputTokens, 0);
  }

  /**
   * Cost of one call in nano-USD. Cached input tokens are a part of the input tokens and reasoning tokens a part of
   * the output tokens, as OpenAI reports them ({@code prompt_tokens_details.cached_tokens},
   * {@code completion_tokens_details.reasoning_tokens}). So without a reasoning price the cost does not depend on
   * {@code reasoningTokens}; with one, {@code (output - reasoning) x output price + reasoning x reasoning price}.
   * A part reported larger than its whole is taken as the whole, a negative one as none: the call is billed for its
   * reported input and output tokens, never more. One rounding, half up, of the exact sum.
   *
   * @throws UnknownModelPriceException when the table has no price: a call must never be billed as zero by mistake
   */
  public long costNanos(String provider, String model, long inputTokens, long cachedInputTokens, long outputTokens,
      long reasoningTokens) {
    ModelPrice price = price(provider, model)
        .orElseThrow(() -> new UnknownModelPriceException(provider, model));
    long cached = Math.min(Math.max(cachedInputTokens, 0), inputTokens);
    long reasoning = Math.min(Math.max(reasoningTokens, 0), outputTokens);
    BigDecimal total = BigDecimal.valueOf(inputTokens - cached).multiply(BigDecimal.valueOf(price.inputNanosPerMillion()))
        .add(BigDecimal.valueOf(cached).multiply(BigDecimal.valueOf(price.cachedInputNanosPerMillion())))
        .add(BigDecimal.valueOf(outputTokens - reasoning).multiply(BigDecimal.valueOf(price.outputNanosPerMillion())))
        .add(BigDecimal.valueOf(reasoning).multiply(BigDecimal.valueOf(price.effectiveReasoningNanosPerMillion())));
    return total.divide(MILLION, 0, RoundingMode.HALF_UP).longValueExact();
  }

  private static BigDecimal usd(String value, String origin, String name) {
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(origin + ": '" + name + "' is not a price in USD per 1M tokens: '"
          + value.trim() + "'", e);
    }
  }

  private static long toNanos(BigDecimal usdPerMillion, String origin, String key) {
    if (usdPerMillion.signum() < 0) {
      throw new IllegalArgumentException(origin + ": negative price for '" + key + "'");
    }
    return usdPerMillion.multiply(NANOS_PER_USD).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }
}
