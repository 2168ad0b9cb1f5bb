package dev.sluice.worker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.stack.StackLayout;
import dev.sluice.stack.infra.RedisProcess;
import dev.sluice.testkit.TestRedis;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class WorkerRedisTest {

  @Test
  void startsWithoutRedisAndUsesItOnceItAnswers() throws IOException {
    int port = freePort();
    try (WorkerRedis redis = WorkerRedis.create(RedisUnderTest.settings("redis://127.0.0.1:" + port))) {
      assertThatThrownBy(() -> redis.commands().join()).isInstanceOf(CompletionException.class);

      Path work = Files.createTempDirectory("worker-redis-late");
      try (RedisProcess late = RedisProcess.start(new StackLayout(work, work), port)) {
        // A failed open is tried again after reconnect-after (1 s here), not on every call.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
            .untilAsserted(() ->
                assertThat(redis.commands().thenCompose(RedisAsyncCommands::ping).join()).isEqualTo("PONG"));
      }
    }
  }

  @Test
  void aFailedOpenIsNotTriedAgainOnEveryCall() throws IOException {
    int port = freePort();
    try (WorkerRedis redis = WorkerRedis.create(new WorkerRedisProperties("redis://127.0.0.1:" + port,
        Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofHours(1), "p:"))) {
      Throwable first = redis.commands().handle((commands, error) -> error).join();
      Path work = Files.createTempDirectory("worker-redis-late");
      try (RedisProcess late = RedisProcess.start(new StackLayout(work, work), port)) {
        Throwable second = redis.commands().handle((commands, error) -> error).join();

        assertThat(first).isNotNull();
        assertThat(second).as("still the first failure: the next open is an hour away").isSameAs(first);
      }
    }
  }

  @Test
  void commandsAreRejectedWhileRedisIsGoneInsteadOfQueueing() {
    TestRedis server = TestRedis.start();
    try (WorkerRedis redis = WorkerRedis.create(RedisUnderTest.settings(server.uri()))) {
      RedisAsyncCommands<String, String> commands = redis.commands().join();
      assertThat(commands.ping().toCompletableFuture().join()).isEqualTo("PONG");

      server.close();

      // Rejected, not queued until the command timeout: a queued command would fail with a timeout instead.
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThatThrownBy(() -> commands.ping().toCompletableFuture().join())
              .isInstanceOf(CompletionException.class)
              .hasCauseInstanceOf(RedisException.class)
              .hasMessageContaining("not connected"));
    } finally {
      server.close();
    }
  }

  @Test
  void closingShutsTheConnectionAndTheClient() {
    try (RedisUnderTest server = RedisUnderTest.start()) {
      WorkerRedis redis = WorkerRedis.create(RedisUnderTest.settings(server.uri()));
      RedisAsyncCommands<String, String> commands = redis.commands().join();
      assertThat(server.inspect().clientList()).contains("cmd=client");

      redis.close();

      assertThat(commands.getStatefulConnection().isOpen()).isFalse();
      assertThatThrownBy(() -> redis.commands().join()).isInstanceOf(CompletionException.class);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(server.inspect().clientList().lines()).hasSize(1));
    }
  }

  @Test
  void keysStartWithThePrefix() {
    try (WorkerRedis redis = WorkerRedis.create(RedisUnderTest.settings("redis://127.0.0.1:1"))) {
      assertThat(redis.key("limit", "{openai}", "tokens")).isEqualTo("sluice:worker:limit:{openai}:tokens");
      assertThat(redis.address()).isEqualTo("127.0.0.1:1");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
