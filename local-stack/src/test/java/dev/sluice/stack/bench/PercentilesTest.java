package dev.sluice.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfAHundredValues() {
    Percentiles percentiles = new Percentiles(LongStream.rangeClosed(1, 100).map(v -> 101 - v).toArray());
    assertThat(percentiles.at(50)).isEqualTo(50);
    assertThat(percentiles.at(99)).isEqualTo(99);
    assertThat(percentiles.at(100)).isEqualTo(100);
    assertThat(percentiles.max()).isEqualTo(100);
  }

  @Test
  void aSingleValueIsEveryPercentile() {
    Percentiles percentiles = new Percentiles(new long[] {7});
    assertThat(percentiles.at(1)).isEqualTo(7);
    assertThat(percentiles.at(99)).isEqualTo(7);
  }

  @Test
  void refusesNothingToMeasureAndPercentsOutOfRange() {
    assertThatThrownBy(() -> new Percentiles(new long[0])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
