package dev.sluice.stack.infra;

import dev.sluice.stack.StackLayout;
import dev.sluice.stack.process.ManagedProcess;
import dev.sluice.stack.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A standalone single-node KRaft broker ({@code kafka.Kafka}) run from the Maven jars, its storage formatted with
 * {@code kafka.tools.StorageTool} on first start and kept under the stack's data folder. Topic auto-creation is
 * off: every stage creates the topics it needs.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  // The launcher's classpath keeps its own terminal quiet (simplelogger.properties); the broker's log file wants INFO.
  private static final String BROKER_LOG_LEVEL = "-Dorg.slf4j.simpleLogger.defaultLogLevel=info";

  /**
   * What makes a single node behave like Sluice expects of any cluster: no topic auto-creation (every stage creates
   * its topics), internal topics that fit on one node, no rebalance delay. Shared with the tests' in-JVM broker.
   */
  public static final Map<String, String> SINGLE_NODE_SETTINGS = Map.of(
      "auto.create.topics.enable", "false",
      "offsets.topic.replication.factor", "1",
      "offsets.topic.num.partitions", "10",
      "transaction.state.log.replication.factor", "1",
      "transaction.state.log.min.isr", "1",
      "transaction.state.log.num.partitions", "10",
      "share.coordinator.state.topic.replication.factor", "1",
      "share.coordinator.state.topic.min.isr", "1",
      "group.initial.rebalance.delay.ms", "0");

  private final ManagedProcess process;
  private final String bootstrapServers;

  private KafkaBrokerProcess(ManagedProcess process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Formats the storage if it is new, starts the broker and waits until it answers an admin request. */
  public static KafkaBrokerProcess start(StackLayout layout, int port, int controllerPort, int defaultPartitions) {
    Path dataDir = layout.data("kafka");
    Path logDirs = dataDir.resolve("logs");
    Path config = dataDir.resolve("server.properties");
    try {
      Files.createDirectories(logDirs);
      writeConfig(config, logDirs, port, controllerPort, defaultPartitions);
      if (!Files.exists(logDirs.resolve("meta.properties"))) {
        format(layout, config, dataDir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ManagedProcess broker = ManagedProcess.start("kafka",
        List.of(StackLayout.javaExecutable(), "-Xms256m", "-Xmx768m", BROKER_LOG_LEVEL, "-cp",
            layout.launcherClasspath(), "kafka.Kafka", config.toString()),
        Map.of(), layout.repositoryRoot(), layout.logFile("kafka"));
    String bootstrap = HOST + ":" + port;
    try {
      broker.awaitReady(() -> Readiness.tcp(HOST, port).isReady() && clusterAnswers(bootstrap), Duration.ofSeconds(90));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    return new KafkaBrokerProcess(broker, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    process.close();
  }

  private static void format(StackLayout layout, Path config, Path dataDir) throws IOException {
    Path clusterIdFile = dataDir.resolve("cluster-id");
    if (!Files.exists(clusterIdFile)) {
      Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
    }
    String clusterId = Files.readString(clusterIdFile).trim();
    ManagedProcess storageTool = ManagedProcess.start("kafka-format",
        List.of(StackLayout.javaExecutable(), "-cp", layout.launcherClasspath(), "kafka.tools.StorageTool",
            "format", "--cluster-id", clusterId, "--config", config.toString(), "--ignore-formatted"),
        Map.of(), layout.repositoryRoot(), layout.logFile("kafka-format"));
    int exit = storageTool.awaitExit(Duration.ofSeconds(60));
    if (exit != 0) {
      throw new IllegalStateException("formatting Kafka storage failed (exit " + exit + "):\n" + storageTool.tail(30));
    }
  }

  private static void writeConfig(Path file, Path logDirs, int port, int controllerPort, int partitions)
      throws IOException {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDirs.toString());
    props.put("num.partitions", Integer.toString(partitions));
    props.putAll(SINGLE_NODE_SETTINGS);
    props.put("log.retention.hours", "24");
    try (var out = Files.newBufferedWriter(file)) {
      props.store(out, "Written by the Sluice local stack on every start");
    }
  }

  private static boolean clusterAnswers(String bootstrap) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }
}
