package dev.sluice.cost.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.CostWindow;
import dev.sluice.events.TokenUsage;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostWindowTopologyTest {

  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final Duration DEDUPE_RETENTION = Duration.ofMinutes(10);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final SluiceTopics topics = new SluiceTopics("sluice.", new PlainAvroSerdes());

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, UsageRecord> usage;
  private TestOutputTopic<String, CostWindow> costs;

  @BeforeEach
  void startDriver() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sluice-cost-aggregator");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(
        CostWindowTopology.build(topics, new CostWindowSettings(GRACE, DEDUPE_RETENTION)), props);
    usage = driver.createInputTopic(topics.usage().name(), topics.usage().keySerde().serializer(),
        topics.usage().valueSerde().serializer());
    costs = driver.createOutputTopic(topics.costs1m().name(), topics.costs1m().keySerde().deserializer(),
        topics.costs1m().valueSerde().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void sumsCostAndTokensExactlyPerTenantModelAndMinute() {
    send(call("a1", "acme", "gpt-4o", T0.plusSeconds(1), 100, 20, 1_234_567_891L, CacheOutcome.NONE));
    send(call("a2", "acme", "gpt-4o", T0.plusSeconds(30), 50, 5, 3L, CacheOutcome.NONE));
    send(call("a3", "acme", "gpt-4o-mini", T0.plusSeconds(31), 7, 9, 11L, CacheOutcome.NONE));
    send(call("b1", "globex", "gpt-4o", T0.plusSeconds(32), 1, 2, 5L, CacheOutcome.NONE));
    send(call("a4", "acme", "gpt-4o", T0.plusSeconds(61), 1000, 1, 999_999_999_999L, CacheOutcome.NONE));

    Map<String, CostWindow> totals = costs.readKeyValuesToMap();

    assertThat(totals).containsOnlyKeys(
        windowKey("acme", "gpt-4o", T0), windowKey("acme", "gpt-4o-mini", T0), windowKey("globex", "gpt-4o", T0),
        windowKey("acme", "gpt-4o", T0.plusSeconds(60)));
    CostWindow acme4o = totals.get(windowKey("acme", "gpt-4o", T0));
    assertThat(acme4o.getTenantId()).isEqualTo("acme");
    assertThat(acme4o.getModel()).isEqualTo("gpt-4o");
    assertThat(acme4o.getCalls()).isEqualTo(2);
    assertThat(acme4o.getInputTokens()).isEqualTo(150);
    assertThat(acme4o.getOutputTokens()).isEqualTo(25);
    assertThat(acme4o.getCostNanos()).isEqualTo(1_234_567_894L);
    assertThat(totals.get(windowKey("acme", "gpt-4o-mini", T0)).getCostNanos()).isEqualTo(11L);
    assertThat(totals.get(windowKey("globex", "gpt-4o", T0)).getCostNanos()).isEqualTo(5L);
    CostWindow nextMinute = totals.get(windowKey("acme", "gpt-4o", T0.plusSeconds(60)));
    assertThat(nextMinute.getCalls()).isEqualTo(1);
    assertThat(nextMinute.getCostNanos()).isEqualTo(999_999_999_999L);
  }

  @Test
  void emitsEveryUpdateSoTheLastValuePerKeyIsTheTotal() {
    send(call("c1", "acme", "gpt-4o", T0.plusSeconds(1), 1, 1, 10L, CacheOutcome.NONE));
    send(call("c2", "acme", "gpt-4o", T0.plusSeconds(2), 1, 1, 20L, CacheOutcome.NONE));
    send(call("c3", "acme", "gpt-4o", T0.plusSeconds(3), 1, 1, 30L, CacheOutcome.NONE));

    List<Long> running = costs.readValuesToList().stream().map(CostWindow::getCostNanos).toList();

    assertThat(running).containsExactly(10L, 30L, 60L);
  }

  @Test
  void countsARedeliveredCallIdOnce() {
    UsageRecord original = call("dup-1", "acme", "gpt-4o", T0.plusSeconds(5), 100, 10, 1_000L, CacheOutcome.NONE);
    send(original);
    send(call("other", "acme", "gpt-4o", T0.plusSeconds(6), 1, 1, 1L, CacheOutcome.NONE));
    send(original);
    send(original);

    Map<String, CostWindow> totals = costs.readKeyValuesToMap();

    CostWindow window = totals.get(windowKey("acme", "gpt-4o", T0));
    assertThat(window.getCalls()).isEqualTo(2);
    assertThat(window.getCostNanos()).isEqualTo(1_001L);
    assertThat(window.getInputTokens()).isEqualTo(101);
  }

  @Test
  void dropsACopyOfACallIdRestampedIntoALaterWindowWithinTheRetention() {
    send(call("dup-2", "acme", "gpt-4o", T0.plusSeconds(5), 100, 10, 1_000L, CacheOutcome.NONE));
    send(call("dup-2", "acme", "gpt-4o", T0.plusSeconds(185), 100, 10, 1_000L, CacheOutcome.NONE));

    Map<String, CostWindow> totals = costs.readKeyValuesToMap();

    assertThat(totals).containsOnlyKeys(windowKey("acme", "gpt-4o", T0));
    assertThat(totals.get(windowKey("acme", "gpt-4o", T0)).getCostNanos()).isEqualTo(1_000L);
  }

  @Test
  void placesRecordsByOccurredAtIntoEpochAlignedMinutes() {
    // produced a minute apart the other way round: the window follows occurredAt, not the record timestamp
    Instant producedAt = T0.plusSeconds(3_600);
    send(call("edge-1", "acme", "gpt-4o", T0.plusMillis(59_999), 1, 1, 1L, CacheOutcome.NONE), producedAt);
    send(call("edge-2", "acme", "gpt-4o", T0.plusMillis(60_000), 1, 1, 2L, CacheOutcome.NONE),
        producedAt.minusSeconds(60));

    List<TestRecord<String, CostWindow>> out = costs.readRecordsToList();

    assertThat(out).hasSize(2);
    assertThat(out.get(0).key()).isEqualTo("acme|gpt-4o|" + T0.toEpochMilli());
    assertThat(out.get(0).value().getWindowStart()).isEqualTo(T0);
    assertThat(out.get(0).value().getWindowEnd()).isEqualTo(T0.plusSeconds(60));
    assertThat(out.get(0).value().getCostNanos()).isEqualTo(1L);
    assertThat(out.get(1).key()).isEqualTo("acme|gpt-4o|" + T0.plusSeconds(60).toEpochMilli());
    assertThat(out.get(1).value().getWindowStart()).isEqualTo(T0.plusSeconds(60));
    assertThat(out.get(1).value().getWindowEnd()).isEqualTo(T0.plusSeconds(120));
    assertThat(out.get(1).value().getCostNanos()).isEqualTo(2L);
  }

  @Test
  void countsLateUsageWithinGraceAndDropsItBeyond() {
    send(call("on-time", "acme", "gpt-4o", T0.plusSeconds(30), 1, 1, 100L, CacheOutcome.NONE));
    // stream time 65 s: the first minute closes at 60 s + 10 s grace, so it still takes late usage
    send(call("advance-1", "acme", "gpt-4o", T0.plusSeconds(65), 1, 1, 1L, CacheOutcome.NONE));
    send(call("late-in-grace", "acme", "gpt-4o", T0.plusSeconds(40), 1, 1, 20L, CacheOutcome.NONE));
    // stream time 70 s: the first minute is closed
    send(call("advance-2", "acme", "gpt-4o", T0.plusSeconds(70), 1, 1, 1L, CacheOutcome.NONE));
    send(call("too-late", "acme", "gpt-4o", T0.plusSeconds(50), 1, 1, 3_000L, CacheOutcome.NONE));

    Map<String, CostWindow> totals = costs.readKeyValuesToMap();

    CostWindow first = totals.get(windowKey("acme", "gpt-4o", T0));
    assertThat(first.getCalls()).isEqualTo(2);
    assertThat(first.getCostNanos()).isEqualTo(120L);
    assertThat(totals.get(windowKey("acme", "gpt-4o", T0.plusSeconds(60))).getCostNanos()).isEqualTo(2L);
  }

  @Test
  void countsExactAndSemanticCacheHits() {
    send(call("h1", "acme", "gpt-4o", T0.plusSeconds(1), 10, 0, 0L, CacheOutcome.EXACT));
    send(call("h2", "acme", "gpt-4o", T0.plusSeconds(2), 10, 0, 0L, CacheOutcome.SEMANTIC));
    send(call("m1", "acme", "gpt-4o", T0.plusSeconds(3), 10, 4, 40L, CacheOutcome.NONE));

    CostWindow window = costs.readKeyValuesToMap().get(windowKey("acme", "gpt-4o", T0));

    assertThat(window.getCalls()).isEqualTo(3);
    assertThat(window.getCacheHits()).isEqualTo(2);
    assertThat(window.getCostNanos()).isEqualTo(40L);
  }

  @Test
  void lastValuePerWindowKeyAddsUpToTheDistinctCallsOfARandomWorkload() {
    Random random = new Random(20260101L);
    List<String> tenants = List.of("acme", "globex", "initech");
    List<String> models = List.of("gpt-4o", "gpt-4o-mini");
    List<UsageRecord> sent = new ArrayList<>();
    Map<String, UsageRecord> distinct = new HashMap<>();
    long clockMillis = 0;
    for (int i = 0; i < 600; i++) {
      UsageRecord next;
      if (!sent.isEmpty() && random.nextInt(10) == 0) {
        // a redelivery of a recent record, as a producer retry or a replay would send it
        next = sent.get(sent.size() - 1 - random.nextInt(Math.min(sent.size(), 50)));
      } else {
        clockMillis += random.nextInt(2_000);
        // out of order by less than the grace period, so nothing in this workload is dropped as late
        long jitter = random.nextInt((int) GRACE.toMillis() - 1_000);
        next = call("call-" + i, tenants.get(random.nextInt(tenants.size())), models.get(random.nextInt(models.size())),
            T0.plusMillis(Math.max(0, clockMillis - jitter)), random.nextInt(5_000), random.nextInt(2_000),
            Math.abs(random.nextLong() % 50_000_000_000L), random.nextInt(4) == 0 ? CacheOutcome.EXACT
                : CacheOutcome.NONE);
        distinct.put(next.getCallId(), next);
      }
      sent.add(next);
      send(next);
    }

    Map<String, CostWindow> totals = costs.readKeyValuesToMap();

    Map<String, long[]> expected = new HashMap<>();
    for (UsageRecord call : distinct.values()) {
      Instant start = Instant.ofEpochMilli(call.getOccurredAt().toEpochMilli() / 60_000 * 60_000);
      long[] sums = expected.computeIfAbsent(windowKey(call.getTenantId(), call.getModel(), start),
          key -> new long[5]);
      sums[0]++;
      sums[1] += call.getUsage().getInputTokens();
      sums[2] += call.getUsage().getOutputTokens();
      sums[3] += call.getCostNanos();
      sums[4] += call.getCache() == CacheOutcome.NONE ? 0 : 1;
    }
    assertThat(sent.size()).isGreaterThan(distinct.size());
    assertThat(totals.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, sums) -> {
      CostWindow window = totals.get(key);
      assertThat(new long[] {window.getCalls(), window.getInputTokens(), window.getOutputTokens(),
          window.getCostNanos(), window.getCacheHits()}).as(key).containsExactly(sums);
    });
    long totalCost = totals.values().stream().mapToLong(CostWindow::getCostNanos).sum();
    assertThat(totalCost).isEqualTo(distinct.values().stream().mapToLong(UsageRecord::getCostNanos).sum());
  }

  private void send(UsageRecord call) {
    send(call, call.getOccurredAt());
  }

  private void send(UsageRecord call, Instant producedAt) {
    usage.pipeInput(SluiceTopics.usageKey(call.getTenantId(), call.getModel()), call, producedAt);
  }

  private static String windowKey(String tenant, String model, Instant windowStart) {
    return SluiceTopics.usageKey(tenant, model) + "|" + windowStart.toEpochMilli();
  }

  private static UsageRecord call(String callId, String tenant, String model, Instant occurredAt, long input,
      long output, long costNanos, CacheOutcome cache) {
    return UsageRecord.newBuilder()
        .setCallId(callId)
        .setRequestId("req-" + callId)
        .setTenantId(tenant)
        .setPurpose(UsagePurpose.COMPLETION)
        .setProvider("simulator")
        .setModel(model)
        .setUsage(TokenUsage.newBuilder().setInputTokens(input).setOutputTokens(output).build())
        .setCostNanos(costNanos)
        .setCache(cache)
        .setOccurredAt(occurredAt)
        .build();
  }
}
