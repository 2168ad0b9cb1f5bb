package dev.sluice.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

  private static final String EXPOSITION = """
      # HELP jvm_memory_used_bytes The amount of used memory
      # TYPE jvm_memory_used_bytes gauge
      jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
      jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3000000.0
      jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
      sluice_worker_calls_in_flight 1998.0
      sluice_worker_calls_in_flight_max 2000.0
      """;

  @Test
  void sumsTheSamplesWhoseLabelsMatch() {
    assertThat(PrometheusScrape.sum(EXPOSITION, "jvm_memory_used_bytes", "area=\"heap\"")).hasValue(1.5e7);
    assertThat(PrometheusScrape.sum(EXPOSITION, "jvm_memory_used_bytes", "")).hasValue(6.5e7);
  }

  @Test
  void aMetricIsNotConfusedWithOneWhoseNameStartsLikeIt() {
    assertThat(PrometheusScrape.sum(EXPOSITION, "sluice_worker_calls_in_flight", "")).hasValue(1998.0);
  }

  @Test
  void anAbsentMetricIsEmpty() {
    assertThat(PrometheusScrape.sum(EXPOSITION, "no_such_metric", "")).isEmpty();
    assertThat(PrometheusScrape.sum("", "jvm_memory_used_bytes", "")).isEmpty();
  }
}
