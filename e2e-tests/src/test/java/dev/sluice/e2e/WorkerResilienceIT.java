package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.events.CachePolicy;
import dev.sluice.events.ChatMessage;
import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Completion;
import dev.sluice.events.GuardAction;
import dev.sluice.events.GuardVerdict;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.Priority;
import dev.sluice.events.ResponseStatus;
import dev.sluice.events.Role;
import dev.sluice.events.ThreatLevel;
import dev.sluice.events.UsageRecord;
import dev.sluice.schemas.topics.ApicurioSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import dev.sluice.schemas.topics.TopicDescriptor;
import dev.sluice.stack.LocalStack;
import dev.sluice.stack.StackLayout;
import dev.sluice.stack.StackSettings;
import dev.sluice.stack.cli.TopicReader;
import dev.sluice.stack.process.FreePorts;
import dev.sluice.stack.process.ManagedProcess;
import dev.sluice.testkit.InJvmKafka;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * llm-worker processes on the real stack (in-JVM KRaft broker, Apicurio Registry, Redis, the simulator as its own
 * process), fed guarded requests straight onto {@code sluice.requests.guarded} with the real serdes: one killed with
 * SIGKILL mid-load and replaced, and two sharing one provider's requests-per-minute limit. Each test runs its workers
 * in a consumer group of its own and tells its requests apart by their ids, which every prompt carries.
 */
class WorkerResilienceIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern REQUEST_ID_IN_PROMPT = Pattern.compile("\\[([a-z0-9-]+)]");
  private static final String CLAIM_KEY_PREFIX = "sluice:worker:request:";
  private static final String REQUEST_BUCKET_KEY = "sluice:worker:limit:{simulator}:requests";
  /**
   * Every worker waits long for Redis: on a busy machine the shipped 500 ms turns slow answers into fail-open
   * fallbacks (no redelivery record, no shared limit), which these tests are not about.
   */
  private static final List<String> PATIENT_REDIS = List.of(
      "--sluice.worker.redis.connect-timeout=10s", "--sluice.worker.redis.command-timeout=10s");

  private static InJvmKafka kafka;
  private static LocalStack stack;
  private static SluiceTopics topics;
  private static RedisClient redisClient;
  private static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void startStack() throws IOException {
    kafka = InJvmKafka.start(3);
    StackLayout checkout = StackLayout.locate(Path.of(System.getProperty("sluice.repository.root", ".")));
    Path work = checkout.repositoryRoot().resolve("e2e-tests/target/worker-resilience-stack");
    deleteRecursively(work);
    // infrastructure only: each test starts the worker processes it needs
    stack = LocalStack.start(checkout.withWorkDirectory(work),
        StackSettings.onFreePorts(Optional.of(kafka.bootstrapServers())), Set.of(), Map.of());
    topics = new SluiceTopics(SluiceTopics.DEFAULT_PREFIX, ApicurioSerdes.forRegistry(stack.registryUrl()));
    redisClient = RedisClient.create(stack.redisUri());
    redis = redisClient.connect();
  }

  @AfterAll
  static void stopStack() {
    if (redis != null) {
      redis.close();
      redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (stack != null) {
      stack.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /**
   * 300 requests, 32 calls in flight at 400 ms each; the worker is killed once 60 answers are out, then a new one
   * takes over. The killed worker's claims end with their lease (3 s here, no longer renewed); the new worker calls
   * those requests again, answers every other one, and calls none the ledger has marked done.
   */
  @Test
  void aWorkerKilledMidLoadLosesNoRequestAndItsReplacementCallsNoAnsweredOneAgain() throws Exception {
    int requests = 300;
    String run = "crash-" + shortId();
    List<String> workerArgs = withPatientRedis(
        "--spring.kafka.consumer.group-id=" + run,
        "--sluice.worker.max-in-flight=32",
        "--sluice.worker.redelivery.claim-lease=3s",
        "--sluice.worker.drain-timeout=2s");
    configureSimulator("{\"latencyMs\":400}");
    ManagedProcess first = stack.startInstance("llm-worker", run + "-first", FreePorts.find(), workerArgs);
    // far off: every request is to be answered, however long the replacement takes to start
    List<String> ids = publish(run, requests, Duration.ofMinutes(10));

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> answeredIds(completions(ids)).size() >= 60);
    first.kill();

    Map<String, String> recordAtKill = redisRecords(ids);
    Set<String> doneAtKill = idsWhere(recordAtKill, "done"::equals);
    Set<String> heldAtKill = idsWhere(recordAtKill, value -> value.startsWith("held:"));
    Map<String, Long> callsBeforeKill = callsPerRequest(run);
    clearSimulatorCalls();
    assertThat(heldAtKill).as("calls were in flight when the worker was killed").isNotEmpty();
    assertThat(doneAtKill).as("answers were out, and work was left").isNotEmpty().hasSizeLessThan(requests);

    try (ManagedProcess second = stack.startInstance("llm-worker", run + "-second", FreePorts.find(), workerArgs)) {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
          .until(() -> answeredIds(completions(ids)).size() == requests);
    }

    List<Completion> completions = completions(ids);
    List<UsageRecord> usage = usage(ids);
    Map<String, Long> callsAfterRestart = callsPerRequest(run);
    Map<String, List<Completion>> byRequest = completions.stream()
        .collect(Collectors.groupingBy(c -> c.getRequestId().toString()));
    long callsBefore = total(callsBeforeKill);
    long callsAfter = total(callsAfterRestart);
    System.out.printf("[worker-crash] done at kill %d, held at kill %d, calls before kill %d, after restart %d, "
        + "completions %d (%s), usage records %d%n", doneAtKill.size(), heldAtKill.size(), callsBefore, callsAfter,
        completions.size(), completions.stream().collect(Collectors.groupingBy(Completion::getStatus,
            Collectors.counting())), usage.size());

    assertThat(byRequest.keySet()).as("every request answered").containsExactlyInAnyOrderElementsOf(ids);
    // The ledger: a request marked done before the kill is never called again nor answered a second time.
    assertThat(callsAfterRestart.keySet()).as("called again after the restart").doesNotContainAnyElementsOf(doneAtKill);
    doneAtKill.forEach(id -> assertThat(byRequest.get(id)).as(id).hasSize(1));
    assertThat(completions).extracting(Completion::getStatus).containsOnly(ResponseStatus.OK);
    // Only a request in flight at the kill may have two Completions (published, then killed before its done mark);
    // the output guard answers each request once, and each billed call has its own callId.
    byRequest.forEach((id, answers) -> {
      if (answers.size() > 1) {
        assertThat(heldAtKill).as("%s has %d Completions", id, answers.size()).contains(id);
      }
    });
    assertThat(usage).extracting(UsageRecord::getCallId).doesNotHaveDuplicates();
    // Provider calls: one per request, but a second for one in flight at the kill (its answer died with the worker).
    Map<String, Long> allCalls = new HashMap<>(callsBeforeKill);
    callsAfterRestart.forEach((id, calls) -> allCalls.merge(id, calls, Long::sum));
    allCalls.forEach((id, calls) -> assertThat(calls).as("calls for %s", id)
        .isLessThanOrEqualTo(heldAtKill.contains(id) ? 2 : 1));
    assertThat(callsAfter).as("the new worker took over").isPositive();
    // Every billed call is counted once, but for those the kill cut off before their usage was published.
    assertThat(usage.size()).isBetween((int) (callsBefore + callsAfter) - heldAtKill.size(),
        (int) (callsBefore + callsAfter));
  }

  /**
   * Two workers share the simulator's limit of 600 requests a minute through one token bucket in Redis. The bucket
   * starts full, so the first 600 calls may go at once (its burst); after that calls come at the refill rate, 10 a
   * second. So: every call i (by arrival) is within capacity + rate x (its time since the requests were published),
   * and the calls in a 30 s window that starts 10 s after the bucket ran empty are within 5% of 300. Enough requests
   * are published that both workers are waiting on the bucket throughout the window.
   */
  @Test
  void twoWorkersSharingOneRequestsPerMinuteLimitHoldItWithinFivePercent() throws Exception {
    int rpm = 600;
    String run = "rpm-" + shortId();
    List<String> workerArgs = withPatientRedis(
        "--spring.kafka.consumer.group-id=" + run,
        "--sluice.worker.providers.simulator.requests-per-minute=" + rpm,
        // they still hold hundreds of requests waiting for the bucket when the test stops them
        "--sluice.worker.drain-timeout=2s");
    configureSimulator("{\"latencyMs\":50}");
    int firstPort = FreePorts.find();
    int secondPort = FreePorts.find();
    // side by side: the common pool may have a single thread here
    ExecutorService starters = Executors.newFixedThreadPool(2);
    Future<ManagedProcess> first = starters.submit(
        () -> stack.startInstance("llm-worker", run + "-1", firstPort, workerArgs));
    Future<ManagedProcess> second = starters.submit(
        () -> stack.startInstance("llm-worker", run + "-2", secondPort, workerArgs));
    starters.shutdown();
    try (ManagedProcess one = first.get(); ManagedProcess other = second.get()) {
      awaitStableGroupOf(run, 2);
      measureTheSharedLimit(run, rpm, firstPort, secondPort);
    }
  }

  private static void measureTheSharedLimit(String run, int rpm, int firstPort, int secondPort) throws Exception {
    double perSecond = rpm / 60.0;
    Duration settle = Duration.ofSeconds(10);
    // long enough that a late call or two at its edges stays well inside the 5%
    Duration window = Duration.ofSeconds(30);

    // The bucket cannot have started before the requests were published (its first take comes with the first call
    // asked for, a moment before the call reaches the simulator).
    Instant published = Instant.now();
    // the burst, the settling, the window and time to spare (a slow machine spends more of them in the burst, as the
    // bucket refills while the workers catch up with it), all before the requests' deadlines
    publish(run, rpm + (int) (perSecond * 100), Duration.ofMinutes(10));
    // Empty: its level is a second's refill below zero, so every later call waits for its slot in the order asked.
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
        .until(() -> bucketLevel() < -perSecond);
    // The settling lets the workers work off what the burst left queued: a call given its slot while they were busy
    // goes out late, and bunched with on-time ones it would count against the rate (though never against the bound).
    Instant windowStart = Instant.now().plus(settle);
    Instant windowEnd = windowStart.plus(window);
    await().atMost(settle.plus(window).plusSeconds(10)).pollInterval(Duration.ofMillis(500))
        .until(() -> Instant.now().isAfter(windowEnd.plusSeconds(1)));
    assertThat(bucketLevel()).as("the workers still wait for the bucket after the window").isLessThan(-perSecond);

    List<Instant> arrivals = arrivals(run);
    long inWindow = arrivals.stream().filter(at -> !at.isBefore(windowStart) && at.isBefore(windowEnd)).count();
    double rate = inWindow / (window.toMillis() / 1000.0);
    long firstWorkerCalls = providerCalls(firstPort);
    long secondWorkerCalls = providerCalls(secondPort);
    System.out.printf("[worker-rpm] limit %.1f/s; %d calls in a %d s window %.1f s after publishing = %.2f/s (%.1f%% "
        + "of the limit); calls by worker: %d and %d; calls per second since publishing: %s%n", perSecond, inWindow,
        window.toSeconds(), Duration.between(published, windowStart).toMillis() / 1000.0, rate,
        100 * rate / perSecond, firstWorkerCalls, secondWorkerCalls, perSecondCounts(published, arrivals));

    assertThat(rate).isBetween(perSecond * 0.95, perSecond * 1.05);
    // The burst included: by any moment, no more calls than the full bucket plus what refilled since publishing
    // (one more for the rounding of arrival times to milliseconds). Publishing is the earliest the bucket can have
    // started, so this bound is loose by the refill between publishing and the first call's slot.
    for (int i = 0; i < arrivals.size(); i++) {
      double elapsedSeconds = Duration.between(published, arrivals.get(i)).toNanos() / 1e9;
      assertThat((double) i + 1).as("call %d at %.3f s", i + 1, elapsedSeconds)
          .isLessThanOrEqualTo(rpm + perSecond * elapsedSeconds + 1);
    }
    assertThat(firstWorkerCalls).as("calls by the first worker").isPositive();
    assertThat(secondWorkerCalls).as("calls by the second worker").isPositive();
  }

  /** The shared request bucket's level at its last take, in calls; below zero it is a queue of granted slots. */
  private static double bucketLevel() {
    String level = redis.sync().hget(REQUEST_BUCKET_KEY, "level");
    return level == null ? Double.POSITIVE_INFINITY : Double.parseDouble(level);
  }

  private static List<String> publish(String run, int count, Duration deadline) throws Exception {
    TopicDescriptor<String, GuardedRequest> guarded = topics.requestsGuarded();
    Instant now = Instant.now();
    List<String> ids = IntStream.range(0, count).mapToObj(i -> run + "-" + i).toList();
    try (KafkaProducer<String, GuardedRequest> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 5), guarded.keySerde().serializer(), guarded.valueSerde().serializer())) {
      List<Future<?>> sent = new ArrayList<>();
      for (String id : ids) {
        sent.add(producer.send(new ProducerRecord<>(guarded.name(), id, guardedRequest(id, now, deadline))));
      }
      producer.flush();
      for (Future<?> future : sent) {
        future.get();
      }
    }
    return ids;
  }

  private static GuardedRequest guardedRequest(String requestId, Instant now, Duration deadline) {
    ChatRequest request = ChatRequest.newBuilder()
        .setRequestId(requestId)
        .setTenantId("resilience")
        .setCreatedAt(now)
        .setDeadline(now.plus(deadline))
        .setModel("gpt-4o-mini")
        .setMessages(List.of(new ChatMessage(Role.USER, "[" + requestId + "] What does a log-structured broker do?",
            null)))
        .setParams(ChatParams.newBuilder().setTemperature(0.7).build())
        .setPriority(Priority.BATCH)
        .setCachePolicy(CachePolicy.BYPASS)
        .build();
    return GuardedRequest.newBuilder()
        .setRequest(request)
        .setVerdict(GuardVerdict.newBuilder().setAction(GuardAction.ALLOW).setThreatLevel(ThreatLevel.NONE).build())
        .setGuardedAt(now)
        .build();
  }

  private static List<Completion> completions(List<String> ids) {
    return valuesFor(topics.completions().name(), ids, c -> c.getRequestId().toString());
  }

  private static List<UsageRecord> usage(List<String> ids) {
    return valuesFor(topics.usage().name(), ids, u -> u.getRequestId().toString());
  }

  /** The values on {@code topic} that belong to {@code ids}. */
  private static <V> List<V> valuesFor(String topic, List<String> ids, Function<V, String> requestIdOf) {
    Set<String> wanted = new HashSet<>(ids);
    return TopicReader.<V>readAll(kafka.bootstrapServers(), stack.registryUrl(), topic).stream()
        .map(ConsumerRecord::value)
        .filter(value -> value != null && wanted.contains(requestIdOf.apply(value)))
        .toList();
  }

  private static Set<String> answeredIds(List<Completion> completions) {
    return completions.stream().map(c -> c.getRequestId().toString()).collect(Collectors.toSet());
  }

  /** The worker's redelivery record of each request: "done", "held:<token>", or absent. */
  private static Map<String, String> redisRecords(List<String> ids) {
    Map<String, String> records = new HashMap<>();
    for (KeyValue<String, String> entry : redis.sync().mget(ids.stream().map(id -> CLAIM_KEY_PREFIX + id)
        .toArray(String[]::new))) {
      if (entry.hasValue()) {
        records.put(entry.getKey().substring(CLAIM_KEY_PREFIX.length()), entry.getValue());
      }
    }
    return records;
  }

  private static Set<String> idsWhere(Map<String, String> records, Predicate<String> test) {
    return records.entrySet().stream().filter(e -> test.test(e.getValue())).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Calls the simulator received for this run's requests, by request id. */
  private static Map<String, Long> callsPerRequest(String run) throws Exception {
    Map<String, Long> calls = new HashMap<>();
    for (JsonNode call : simulatorCalls()) {
      requestIdOf(call).filter(id -> id.startsWith(run + "-")).ifPresent(id -> calls.merge(id, 1L, Long::sum));
    }
    return calls;
  }

  /** When the simulator received each call of this run, in order. */
  private static List<Instant> arrivals(String run) throws Exception {
    List<Instant> arrivals = new ArrayList<>();
    for (JsonNode call : simulatorCalls()) {
      if (requestIdOf(call).filter(id -> id.startsWith(run + "-")).isPresent()) {
        arrivals.add(Instant.parse(call.get("receivedAt").asText()));
      }
    }
    arrivals.sort(Comparator.naturalOrder());
    return arrivals;
  }

  private static Optional<String> requestIdOf(JsonNode call) {
    for (JsonNode message : call.get("messages")) {
      if (message.get("role").asText().equals("user")) {
        Matcher matcher = REQUEST_ID_IN_PROMPT.matcher(message.get("content").asText());
        if (matcher.find()) {
          return Optional.of(matcher.group(1));
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode simulatorCalls() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(simulator("/sim/prompts")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void clearSimulatorCalls() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(simulator("/sim/prompts")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(204);
  }

  /** Applies a simulator configuration and forgets the calls recorded so far. */
  private static void configureSimulator(String config) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(simulator("/sim/config"))
        .PUT(HttpRequest.BodyPublishers.ofString(config)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    clearSimulatorCalls();
  }

  private static URI simulator(String path) {
    return URI.create(stack.settings().simulatorUrl() + path);
  }

  /** Provider calls one worker made, from its own metrics: the sum of attempts over its settled requests. */
  private static long providerCalls(int workerPort) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + workerPort + "/actuator/prometheus")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    return response.body().lines()
        .filter(line -> line.startsWith("sluice_worker_request_attempts_sum{") && line.contains("simulator"))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Waits until the group's members have settled on an assignment, so every worker owns partitions. */
  private static void awaitStableGroupOf(String group, int members) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return description.groupState() == GroupState.STABLE && description.members().size() == members
            && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
      });
    }
  }

  /** How many calls arrived in each second after {@code start}, for the log. */
  private static List<Long> perSecondCounts(Instant start, List<Instant> arrivals) {
    Map<Long, Long> bySecond = arrivals.stream().collect(Collectors.groupingBy(
        at -> Duration.between(start, at).toSeconds(), Collectors.counting()));
    long last = bySecond.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    return java.util.stream.LongStream.rangeClosed(0, last).mapToObj(second -> bySecond.getOrDefault(second, 0L))
        .toList();
  }

  private static List<String> withPatientRedis(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(PATIENT_REDIS);
    return all;
  }

  private static long total(Map<String, Long> calls) {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
