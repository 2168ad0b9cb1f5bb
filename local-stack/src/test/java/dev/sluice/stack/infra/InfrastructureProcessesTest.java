package dev.sluice.stack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stack.StackLayout;
import dev.sluice.stack.process.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureProcessesTest {

  @Test
  void standaloneBrokerFormatsItsStorageServesAndKeepsTopicsAcrossRestarts(@TempDir Path work) throws Exception {
    StackLayout layout = StackLayout.locate(Path.of("")).withWorkDirectory(work);
    int port = FreePorts.find();
    int controllerPort = FreePorts.find();
    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(layout, port, controllerPort, 2);
        Admin admin = admin(broker)) {
      admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    assertThat(work.resolve("data/kafka/logs/meta.properties")).exists();
    assertThat(Files.readString(work.resolve("data/kafka/server.properties")))
        .contains("auto.create.topics.enable=false");

    try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(layout, port, controllerPort, 2);
        Admin admin = admin(broker)) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("kept");
    }
    assertThat(Files.readString(layout.logFile("kafka"))).contains("Kafka Server started");
  }

  @Test
  void redisAnswersPingAndStopsWithTheStack(@TempDir Path work) throws Exception {
    StackLayout layout = StackLayout.locate(Path.of("")).withWorkDirectory(work);
    RedisProcess redis = RedisProcess.start(layout, FreePorts.find());
    try (Socket socket = new Socket("127.0.0.1", redis.port());
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
            StandardCharsets.US_ASCII))) {
      out.print("PING\r\n");
      out.flush();
      assertThat(in.readLine()).isEqualTo("+PONG");
    } finally {
      redis.close();
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().orElse("")).filter(c -> c.contains("redis-server")).toList()).isEmpty();
  }

  private static Admin admin(KafkaBrokerProcess broker) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }
}
