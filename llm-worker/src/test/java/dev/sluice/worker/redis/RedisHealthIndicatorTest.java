package dev.sluice.worker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class RedisHealthIndicatorTest {

  @Test
  void upWhileRedisAnswersPing() {
    try (RedisUnderTest redis = RedisUnderTest.start()) {
      WorkerRedis client = redis.connect();

      Health health = new RedisHealthIndicator(client, Duration.ofSeconds(10)).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("address", client.address());
    }
  }

  @Test
  void downWithTheReasonWhenRedisCannotBeReached() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (WorkerRedis client = WorkerRedis.create(RedisUnderTest.settings("redis://127.0.0.1:" + closedPort))) {

      Health health = new RedisHealthIndicator(client, Duration.ofSeconds(10)).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("address", "127.0.0.1:" + closedPort);
      assertThat(String.valueOf(health.getDetails().get("error"))).contains("Unable to connect");
    }
  }
}
