package dev.sluice.worker.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.events.TokenUsage;
import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.runtime.pricing.UnknownModelPriceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallPricerTest {

  private final CallPricer pricer = new CallPricer(PriceTable.defaults());

  @Test
  void pricesInputCachedInputAndOutputTokensSeparately() {
    TokenUsage usage = usage(1_000_000, 400_000, 100_000);

    // gpt-4o: 600k uncached input at $2.50/M + 400k cached at $1.25/M + 100k output at $10/M = $3.00
    assertThat(pricer.costNanos("simulator", "gpt-4o", "gpt-4o", usage)).isEqualTo(3_000_000_000L);
  }

  @Test
  void reasoningTokensCostTheOutputPriceWhereTheTableGivesNoReasoningPrice() {
    // gpt-4o-mini: 1,000,000 output tokens at $0.60/M, 800,000 of them reasoning
    assertThat(pricer.costNanos("simulator", "gpt-4o-mini", "gpt-4o-mini", usage(0, 0, 1_000_000, 800_000)))
        .isEqualTo(pricer.costNanos("simulator", "gpt-4o-mini", "gpt-4o-mini", usage(0, 0, 1_000_000)))
        .isEqualTo(600_000_000L);
  }

  @Test
  void reasoningTokensCostTheReasoningPriceOfTheModelThatIsPriced(@TempDir Path dir) throws IOException {
    Path table = dir.resolve("prices.properties");
    Files.writeString(table, "lab.r1.input=1\nlab.r1.output=8\nlab.r1.reasoning=2\n"
        + "lab.r1-2025-01-01.input=1\nlab.r1-2025-01-01.output=8\n");
    CallPricer custom = new CallPricer(PriceTable.load(Optional.of(table)));
    TokenUsage usage = usage(1_000_000, 0, 1_000_000, 750_000);

    // $1 input + 250k output at $8/M ($2) + 750k reasoning at $2/M ($1.50) = $4.50
    assertThat(custom.costNanos("lab", "r1", "r1", usage)).isEqualTo(4_500_000_000L);
    // an unpriced snapshot is priced as the model asked for, reasoning price included
    assertThat(custom.costNanos("lab", "r1", "r1-2099-12-31", usage)).isEqualTo(4_500_000_000L);
    // a priced snapshot without a reasoning price bills all output as output: $1 + $8
    assertThat(custom.costNanos("lab", "r1", "r1-2025-01-01", usage)).isEqualTo(9_000_000_000L);
  }

  @Test
  void aDatedSnapshotIsPricedAsTheModelAskedFor() {
    TokenUsage usage = usage(1_000, 0, 500);

    assertThat(pricer.costNanos("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", usage))
        .isEqualTo(pricer.costNanos("openai", "gpt-4o-mini", "gpt-4o-mini", usage))
        .isEqualTo(450_000L);
  }

  @Test
  void theReportedModelWinsWhenTheTableKnowsIt() {
    TokenUsage usage = usage(1_000_000, 0, 0);

    assertThat(pricer.costNanos("simulator", "gpt-4o", "gpt-4o-mini", usage)).isEqualTo(150_000_000L);
  }

  @Test
  void knowsWhichModelsItCanPrice() {
    assertThat(pricer.prices("simulator", "gpt-4o")).isTrue();
    assertThat(pricer.prices("simulator", "gpt-5-turbo-max")).isFalse();
    assertThat(pricer.prices("azure", "gpt-4o")).isFalse();
  }

  @Test
  void neverPricesAnUnknownModelAsFree() {
    assertThatThrownBy(() -> pricer.costNanos("simulator", "mystery", "mystery", usage(10, 0, 10)))
        .isInstanceOf(UnknownModelPriceException.class);
  }

  @Test
  void aConfiguredTableReplacesTheShippedOne(@TempDir Path dir) throws IOException {
    Path table = dir.resolve("prices.properties");
    Files.writeString(table, "simulator.tiny.input=1\nsimulator.tiny.output=2\n");
    CallPricer custom = new CallPricer(PriceTable.load(Optional.of(table)));

    assertThat(custom.prices("simulator", "gpt-4o")).isFalse();
    assertThat(custom.costNanos("simulator", "tiny", "tiny", usage(1_000_000, 0, 1_000_000)))
        .isEqualTo(3_000_000_000L);
  }

  private static TokenUsage usage(long input, long cachedInput, long output) {
    return usage(input, cachedInput, output, 0);
  }

  private static TokenUsage usage(long input, long cachedInput, long output, long reasoning) {
    return TokenUsage.newBuilder().setInputTokens(input).setCachedInputTokens(cachedInput).setOutputTokens(output)
        .setReasoningTokens(reasoning).build();
  }
}
