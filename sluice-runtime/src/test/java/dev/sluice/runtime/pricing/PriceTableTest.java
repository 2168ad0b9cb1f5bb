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
  void withoutAReasoningPriceReasoningIsBilledAsOutput() {
    // gpt-4o: 1,000 input * 2,500 + 2,000 output * 10,000 = 22,500,000 nanos, however much of the output reasoned
    assertThat(table.costNanos("openai", "gpt-4o", 1_000, 0, 2_000, 1_500))
        .isEqualTo(table.costNanos("openai", "gpt-4o", 1_000, 0, 2_000))
        .isEqualTo(22_500_000L);
  }

  @Test
  void aReasoningPriceBillsTheReasoningPartOfTheOutputAtItsOwnRate() throws Exception {
    PriceTable reasoning = table("lab.r1.input=1\nlab.r1.output=4\nlab.r1.reasoning=2.5\n");

    // 1,000 input * 1,000 = 1,000,000; (3,000 - 1,200) output * 4,000 = 7,200,000; 1,200 reasoning * 2,500 =
    // 3,000,000; billing all 3,000 as output would be 13,000,000
    assertThat(reasoning.costNanos("lab", "r1", 1_000, 0, 3_000, 1_200)).isEqualTo(11_200_000L);
    assertThat(reasoning.costNanos("lab", "r1", 1_000, 0, 3_000)).isEqualTo(13_000_000L);
    assertThat(reasoning.price("lab", "r1").orElseThrow().reasoningNanosPerMillion()).hasValue(2_500_000_000L);
  }

  @Test
  void reasoningReportedAboveTheOutputIsCappedAtTheOutput() throws Exception {
    PriceTable reasoning = table("lab.r1.input=1\nlab.r1.output=4\nlab.r1.reasoning=8\n");

    // 100 output tokens all reasoning: 100 * 8,000 = 800,000, not 500 * 8,000 nor a negative output part
    assertThat(reasoning.costNanos("lab", "r1", 0, 0, 100, 500)).isEqualTo(800_000L);
    // a negative count is none: 100 output * 4,000
    assertThat(reasoning.costNanos("lab", "r1", 0, 0, 100, -7)).isEqualTo(400_000L);
  }

  @Test
  void theExactSumIsRoundedOnceHalfUp() throws Exception {
    // output 3 nanos and reasoning 1 nano per 1M tokens, the finest prices the table holds
    PriceTable tiny = table("lab.r1.input=0\nlab.r1.output=0.000000003\nlab.r1.reasoning=0.000000001\n");

    // 150,000 output + 150,000 reasoning: 0.45 + 0.15 = 0.6 -> 1 (rounding each part would give 0)
    assertThat(tiny.costNanos("lab", "r1", 0, 0, 300_000, 150_000)).isEqualTo(1L);
    // 125,000 + 125,000: 0.375 + 0.125 = 0.5 -> 1, half up (half even would give 0)
    assertThat(tiny.costNanos("lab", "r1", 0, 0, 250_000, 125_000)).isEqualTo(1L);
    // 100,000 + 100,000: 0.3 + 0.1 = 0.4 -> 0
    assertThat(tiny.costNanos("lab", "r1", 0, 0, 200_000, 100_000)).isZero();
  }

  @Test
  void aNegativeReasoningPriceIsRejected() {
    assertThatThrownBy(() -> table("lab.r1.input=1\nlab.r1.output=4\nlab.r1.reasoning=-1\n"))
        .hasMessageContaining("negative price for 'lab.r1'");
  }

  @Test
  void aReasoningPriceAloneIsNotAPrice() {
    assertThatThrownBy(() -> table("lab.r1.reasoning=1\n"))
        .hasMessageContaining("needs both input and output");
  }

  @Test
  void aPriceThatIsNotANumberNamesItsSetting() {
    assertThatThrownBy(() -> table("lab.r1.input=1\nlab.r1.output=4\nlab.r1.reasoning=cheap\n"))
        .hasMessageContaining("'lab.r1.reasoning'").hasMessageContaining("cheap");
  }

  @Test
  void aPriceWithoutOutputIsRejected() {
    String file = "openai.x.input=1\n";
    assertThatThrownBy(() -> PriceTable.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "f"))
        .hasMessageContaining("needs both input and output");
  }

  private static PriceTable table(String file) throws Exception {
    return PriceTable.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "test");
  }
}
