package dev.sluice.runtime.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private final PriceTable table = PriceTable.defaults();

  @Test
  void gpt4oCostsFollowTheListPrice() {
    // 1,000 input at $2.50/1M = 2,500,000 nanos; 500 output at $10/1M = 5,000,000 nanos
    assertThat(table.costNanos("openai", "gpt-4o", 1_000, 0, 500)).isEqualTo(7_500_000L);
  }

  @Test
  void cachedInputIsBilledAtTheCachedRate() {
    // 1,000 input of which 400 cached: 600 * 150 + 400 * 75 = 120,000 nanos; 100 output * 600 = 60,000
    assertThat(table.costNanos("openai", "gpt-4o-mini", 1_000, 400, 100)).isEqualTo(90_000L + 30_000L + 60_000L);
  }

  @Test
  void oneTokenOfEachKindIsPricedExactly() {
    // 1 token of gpt-4o-mini cached input = 75 nanos exactly; 1 output token = 600 nanos
    assertThat(table.costNanos("simulator", "gpt-4o-mini", 1, 1, 1)).isEqualTo(675L);
  }

  @Test
  void anUnknownModelIsAnErrorNotAFreeCall() {
    assertThatThrownBy(() -> table.costNanos("openai", "gpt-9", 10, 0, 10))
        .isInstanceOf(UnknownModelPriceException.class)
        .hasMessageContaining("gpt-9");
  }

  @Test
  void modelNamesMayContainDots() throws Exception {
    String file = "vllm.llama-3.1-8b.input=0.10\nvllm.llama-3.1-8b.output=0.20\n";
    PriceTable parsed = PriceTable.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "test");
    assertThat(parsed.costNanos("vllm", "llama-3.1-8b", 1_000_000, 0, 1_000_000)).isEqualTo(300_000_000L);
  }

  @Test
  void aPriceWithoutOutputIsRejected() {
    String file = "openai.x.input=1\n";
    assertThatThrownBy(() -> PriceTable.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "f"))
        .hasMessageContaining("needs both input and output");
  }
}
