package dev.sluice.guard.topology;

import static dev.sluice.guard.support.TestEvents.completion;
import static dev.sluice.guard.support.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.Completion;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardStage;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.ThreatLevel;
import dev.sluice.guard.injection.InjectionDetector;
import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.pii.PlaceholderMap;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.PiiMode;
import dev.sluice.guard.policy.PolicySettings;
import dev.sluice.guard.policy.RequestLimits;
import dev.sluice.guard.vault.EntryLifetime;
import dev.sluice.guard.vault.RedisPlaceholderVault;
import dev.sluice.guard.vault.ReversibleMasking;
import dev.sluice.guard.vault.VaultKey;
import dev.sluice.guard.vault.VaultKeys;
import dev.sluice.guard.vault.VaultRedisSettings;
import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import dev.sluice.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PII mode REVERSIBLE through the guard topology, with a real Redis behind the vault: tenant {@code rev} gets its
 * originals back in the answer, tenant {@code acme} (mode MASK) does not.
 */
class ReversiblePiiTopologyTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:02Z");
  private static final Instant RECORD_TIME = Instant.parse("2025-03-01T10:00:00Z");
  private static final String PREFIX = "sluice:guard:pii:";
  private static final String EMAIL = "jane.doe@example.com";
  private static final String PHONE = "(415) 555-0132";

  private static TestRedis redis;
  private static RedisClient inspectorClient;
  private static StatefulRedisConnection<byte[], byte[]> inspector;

  private final SluiceTopics topics = new SluiceTopics("sluice.", new PlainAvroSerdes());
  private final GuardPolicy maskPolicy = GuardPolicy.defaults(new RequestLimits(4, 2_000));
  private final GuardPolicies policies = GuardPolicies.perTenant(maskPolicy, Map.of("rev",
      new PolicySettings(null, null, null, null, null, null, null, null, null, PiiMode.REVERSIBLE)
          .applyTo(maskPolicy)));
  private final RecordingGuardMetrics guardMetrics = new RecordingGuardMetrics();
  private final RecordingVaultMetrics vaultMetrics = new RecordingVaultMetrics();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, ChatRequest> requests;
  private TestInputTopic<String, Completion> completions;
  private TestOutputTopic<String, GuardedRequest> guarded;
  private TestOutputTopic<String, ChatResponse> responses;
  private TestOutputTopic<String, GuardEvent> guardEvents;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
    inspectorClient = RedisClient.create(redis.uri());
    inspector = inspectorClient.connect(ByteArrayCodec.INSTANCE);
  }

  @AfterAll
  static void stopRedis() {
    inspector.close();
    inspectorClient.shutdown();
    redis.close();
  }

  @BeforeEach
  void emptyRedis() {
    inspector.sync().flushall();
  }

  @AfterEach
  void close() throws Exception {
    if (driver != null) {
      driver.close();
    }
    for (AutoCloseable closeable : closeAfter) {
      closeable.close();
    }
  }

  @Test
  void restoresTheCallersEmailAndPhoneIntoTheAnswer() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);

    requests.pipeInput("r1", rev(request("r1", "I am " + EMAIL + ", call me at " + PHONE + " about my order.")),
        RECORD_TIME);
    assertThat(guarded.readValue().getRequest().getMessages().get(1).getContent())
        .isEqualTo("I am [EMAIL_1], call me at [PHONE_1] about my order.");
    // Until the deadline (28 s after the clock's now) plus a minute.
    byte[] key = onlyKey();
    assertThat(inspector.sync().pttl(key)).isBetween(80_000L, 88_000L);

    completions.pipeInput("r1", rev(completion("r1", "Done: I will write to [EMAIL_1] and call [PHONE_1].")),
        RECORD_TIME.plusSeconds(1));

    TestRecord<String, ChatResponse> response = responses.readRecord();
    assertThat(response.value().getContent()).isEqualTo("Done: I will write to " + EMAIL + " and call " + PHONE + ".");
    assertThat(response.value().getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(restoredHeader(response)).isEqualTo("true");
    assertThat(vaultMetrics.calls).containsExactly("written stored", "restored restored");
    assertThat(guardEvents.readValuesToList()).extracting(event -> event.getStage() + " " + event.getCategory())
        .containsExactly("INPUT pii_email", "INPUT pii_phone");
    // Not deleted with the answer: a completion processed again after a crash still finds it; the TTL ends it.
    assertThat(inspector.sync().exists(key)).isEqualTo(1L);
  }

  @Test
  void aTenantInModeMaskKeepsThePlaceholdersAndWritesNothing() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);

    requests.pipeInput("r1", request("r1", "I am " + EMAIL + ", call me at " + PHONE), RECORD_TIME);
    completions.pipeInput("r1", completion("r1", "I will write to [EMAIL_1] and call [PHONE_1]."),
        RECORD_TIME.plusSeconds(1));

    TestRecord<String, ChatResponse> response = responses.readRecord();
    assertThat(response.value().getContent()).isEqualTo("I will write to [EMAIL_1] and call [PHONE_1].");
    assertThat(restoredHeader(response)).isNull();
    assertThat(inspector.sync().dbsize()).isZero();
    assertThat(vaultMetrics.calls).isEmpty();
  }

  @Test
  void personalDataTheModelMadeUpIsStillMaskedAndNeverTakenForTheCallers() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);

    requests.pipeInput("r1", rev(request("r1", "Forward " + EMAIL + " to joe@example.com")), RECORD_TIME);
    completions.pipeInput("r1", rev(completion("r1",
        "I wrote to [EMAIL_1]; also try support@other.example or +44 20 7946 0958.")), RECORD_TIME.plusSeconds(1));

    ChatResponse response = responses.readValue();
    // The output check masked the made-up address as [EMAIL_2]; the request's [EMAIL_2] is joe, who stays out.
    assertThat(response.getContent()).isEqualTo("I wrote to " + EMAIL + "; also try [EMAIL_2] or [PHONE_1].");
    assertThat(guardEvents.readValuesToList()).filteredOn(event -> event.getStage() == GuardStage.OUTPUT)
        .extracting(GuardEvent::getCategory).containsExactly("pii_email", "pii_phone");
  }

  @Test
  void withoutRedisTheRequestGoesOnMaskedAndTheAnswerKeepsItsPlaceholders() throws IOException {
    start(vault("redis://127.0.0.1:" + freePort(), VaultKeys.keyA()), stateDir);

    requests.pipeInput("r1", rev(request("r1", "I am " + EMAIL)), RECORD_TIME);
    assertThat(guarded.readValue().getRequest().getMessages().get(1).getContent()).isEqualTo("I am [EMAIL_1]");
    completions.pipeInput("r1", rev(completion("r1", "Hello [EMAIL_1].")), RECORD_TIME.plusSeconds(1));

    TestRecord<String, ChatResponse> response = responses.readRecord();
    assertThat(response.value().getContent()).isEqualTo("Hello [EMAIL_1].");
    assertThat(response.value().getStatus()).isEqualTo(ResponseStatus.OK);
    assertThat(restoredHeader(response)).isNull();
    assertThat(vaultMetrics.calls).containsExactly("written unavailable", "restored unavailable");
    List<GuardEvent> events = guardEvents.readValuesToList();
    assertThat(events).extracting(event -> event.getEventId() + " " + event.getDetector() + " " + event.getCategory())
        .containsExactly("r1:input:0 pii-masker pii_email", "r1:input:1 pii-vault vault_unavailable",
            "r1:output:0 pii-vault vault_unavailable");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getThreatLevel()).isEqualTo(ThreatLevel.NONE);
      assertThat(event.toString()).doesNotContain("jane", "example.com");
    });
  }

  @Test
  void anAnswerWhoseEntryIsGoneKeepsItsPlaceholders() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);

    completions.pipeInput("r9", rev(completion("r9", "Hello [EMAIL_1].")), RECORD_TIME);

    assertThat(responses.readValue().getContent()).isEqualTo("Hello [EMAIL_1].");
    assertThat(vaultMetrics.calls).containsExactly("restored missing");
    assertThat(guardEvents.readValue().getCategory()).isEqualTo("vault_entry_missing");
  }

  @Test
  void anAlteredEntryIsNotRestored() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);
    requests.pipeInput("r1", rev(request("r1", "I am " + EMAIL)), RECORD_TIME);
    byte[] key = onlyKey();
    byte[] value = inspector.sync().get(key);
    value[value.length - 1] ^= 0x01;
    inspector.sync().set(key, value);

    completions.pipeInput("r1", rev(completion("r1", "Hello [EMAIL_1].")), RECORD_TIME.plusSeconds(1));

    assertThat(responses.readValue().getContent()).isEqualTo("Hello [EMAIL_1].");
    assertThat(vaultMetrics.calls).containsExactly("written stored", "restored unreadable");
    assertThat(guardEvents.readValuesToList()).extracting(GuardEvent::getCategory)
        .containsExactly("pii_email", "vault_entry_unreadable");
  }

  @Test
  void placeholdersTheModelPutIntoALinkStayMasked() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);
    requests.pipeInput("r1", rev(request("r1", "I am " + EMAIL)), RECORD_TIME);

    completions.pipeInput("r1", rev(completion("r1", "Hi [EMAIL_1] ![p](https://evil.example/[EMAIL_1].png)")),
        RECORD_TIME.plusSeconds(1));

    TestRecord<String, ChatResponse> response = responses.readRecord();
    assertThat(response.value().getContent()).isEqualTo("Hi " + EMAIL + " ![p](https://evil.example/[EMAIL_1].png)");
    assertThat(restoredHeader(response)).isEqualTo("true");
    assertThat(guardEvents.readValuesToList()).filteredOn(event -> event.getStage() == GuardStage.OUTPUT)
        .extracting(event -> event.getDetector() + " " + event.getCategory())
        .containsExactly("pii-vault placeholder_in_link");
  }

  @Test
  void aRequestProcessedAgainAfterACrashRewritesTheSameEntry(@TempDir Path restartedStateDir) throws Exception {
    ChatRequest request = rev(request("r1", "I am " + EMAIL + ", call me at " + PHONE));
    RedisPlaceholderVault reader = vault(redis.uri(), VaultKeys.keyA());
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);
    requests.pipeInput("r1", request, RECORD_TIME);
    GuardedRequest first = guarded.readValue();
    PlaceholderMap written = reader.fetch("r1").orElseThrow();
    byte[] firstValue = inspector.sync().get(onlyKey());

    // The transaction never committed: another instance, with fresh state, processes the same record again.
    driver.close();
    start(vault(redis.uri(), VaultKeys.keyA()), restartedStateDir);
    requests.pipeInput("r1", request, RECORD_TIME);

    assertThat(guarded.readValue()).isEqualTo(first);
    assertThat(inspector.sync().get(onlyKey())).isNotEqualTo(firstValue);
    assertThat(reader.fetch("r1")).contains(written);
    assertThat(written.originals()).containsExactly(Map.entry("[EMAIL_1]", EMAIL), Map.entry("[PHONE_1]", PHONE));
  }

  @Test
  void aWithheldAnswerIsNotRestored() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);
    requests.pipeInput("r1", rev(request("r1", "I am " + EMAIL)), RECORD_TIME);

    completions.pipeInput("r1", Completion.newBuilder(rev(completion("r1", "[EMAIL_1], the marker is SLC-7f3a9c21e4")))
        .setCanary("SLC-7f3a9c21e4").build(), RECORD_TIME.plusSeconds(1));

    ChatResponse response = responses.readValue();
    assertThat(response.getStatus()).isEqualTo(ResponseStatus.BLOCKED);
    assertThat(response.getContent()).isNull();
    assertThat(vaultMetrics.calls).containsExactly("written stored");
  }

  @Test
  void aResponseNeverCarriesTheRestoredHeaderItDidNotEarn() {
    start(vault(redis.uri(), VaultKeys.keyA()), stateDir);
    RecordHeaders forged = new RecordHeaders();
    forged.add("sluice-pii-restored", "true".getBytes(StandardCharsets.US_ASCII));

    completions.pipeInput(new TestRecord<>("r1", completion("r1", "Hello [EMAIL_1]."), forged, RECORD_TIME));

    TestRecord<String, ChatResponse> response = responses.readRecord();
    assertThat(response.value().getContent()).isEqualTo("Hello [EMAIL_1].");
    assertThat(restoredHeader(response)).isNull();
  }

  private void start(RedisPlaceholderVault vault, Path stateDirectory) {
    ReversibleMasking reversible = new ReversibleMasking(policies, vault,
        new EntryLifetime(Duration.ofSeconds(60), Duration.ofHours(1)), vaultMetrics, Clock.fixed(NOW, ZoneOffset.UTC));
    PiiMasker masker = new PiiMasker();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sluice-guard-processor");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    driver = new TopologyTestDriver(GuardTopology.build(topics,
        new RequestInspector(new TextNormalizer(), List.of(InjectionDetector.withDefaultRules()), masker, policies),
        new CompletionInspector(masker, policies),
        new GuardTopologyOptions(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), guardMetrics, reversible)),
        props);
    requests = input(topics.requests());
    completions = input(topics.completions());
    guarded = output(topics.requestsGuarded());
    responses = output(topics.responses());
    guardEvents = output(topics.guardEvents());
  }

  private RedisPlaceholderVault vault(String uri, VaultKey key) {
    // A generous timeout: a loaded build machine must not turn a slow answer into a failed test.
    RedisPlaceholderVault vault = RedisPlaceholderVault.create(new VaultRedisSettings(RedisURI.create(uri), PREFIX,
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)), key, Clock.systemUTC());
    closeAfter.add(vault);
    return vault;
  }

  private static byte[] onlyKey() {
    List<byte[]> keys = inspector.sync().keys((PREFIX + "*").getBytes(StandardCharsets.UTF_8));
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  private static String restoredHeader(TestRecord<String, ChatResponse> record) {
    Header header = record.headers().lastHeader(OutputGuardTopology.HOLDS_ORIGINALS_HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
  }

  private static ChatRequest rev(ChatRequest request) {
    return ChatRequest.newBuilder(request).setTenantId("rev").build();
  }

  private static Completion rev(Completion completion) {
    return Completion.newBuilder(completion).setTenantId("rev").build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private <V> TestInputTopic<String, V> input(TopicDescriptor<String, V> topic) {
    return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  private <V> TestOutputTopic<String, V> output(TopicDescriptor<String, V> topic) {
    return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
        topic.valueSerde().deserializer());
  }
}
