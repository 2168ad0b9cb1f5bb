package dev.sluice.guard.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.guard.pii.PlaceholderMap;
import dev.sluice.stack.StackLayout;
import dev.sluice.stack.infra.RedisProcess;
import dev.sluice.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault against a real Redis server. */
class RedisPlaceholderVaultTest {

  private static final String PREFIX = "sluice:guard:pii:";
  private static final PlaceholderMap MAP = PlaceholderMap.of(Map.of(
      "[EMAIL_1]", "jane.doe@example.com", "[PHONE_1]", "(415) 555-0132"));
  // Generous: a loaded build machine must not turn a slow answer into a failed test.
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private static TestRedis redis;
  private static RedisClient inspectorClient;
  private static StatefulRedisConnection<byte[], byte[]> inspector;

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

  private static RedisPlaceholderVault vault(String uri, VaultKey key, Duration pauseAfterFailures) {
    return RedisPlaceholderVault.create(new VaultRedisSettings(RedisURI.create(uri), PREFIX, Duration.ofSeconds(1),
        COMMAND_TIMEOUT, pauseAfterFailures), key, Clock.systemUTC());
  }

  private static RedisPlaceholderVault vault(VaultKey key) {
    return vault(redis.uri(), key, Duration.ofSeconds(5));
  }

  @Test
  void returnsWhatItKeptForTheRequestAndNothingForAnother() throws Exception {
    try (RedisPlaceholderVault vault = vault(VaultKeys.keyA())) {
      vault.store("r1", MAP, Duration.ofSeconds(88));

      assertThat(vault.fetch("r1")).contains(MAP);
      assertThat(vault.fetch("r2")).isEmpty();
    }
  }

  @Test
  void keepsOneSealedEntryUnderANameThatDoesNotRevealTheRequestWithTheTtl() throws Exception {
    try (RedisPlaceholderVault vault = vault(VaultKeys.keyA())) {
      vault.store("request-0042", MAP, Duration.ofSeconds(88));
    }

    RedisCommands<byte[], byte[]> redisCommands = inspector.sync();
    List<String> keys = redisCommands.keys("*".getBytes(StandardCharsets.UTF_8)).stream()
        .map(key -> new String(key, StandardCharsets.UTF_8)).toList();
    assertThat(keys).containsExactly(PREFIX + VaultKeys.keyA().entryName("request-0042"));
    assertThat(keys.get(0)).doesNotContain("request", "0042");
    byte[] value = redisCommands.get(keys.get(0).getBytes(StandardCharsets.UTF_8));
    assertThat(new String(value, StandardCharsets.ISO_8859_1)).doesNotContain("jane", "example", "555", "EMAIL");
    assertThat(redisCommands.pttl(keys.get(0).getBytes(StandardCharsets.UTF_8)))
        .isBetween(Duration.ofSeconds(80).toMillis(), Duration.ofSeconds(88).toMillis());
  }

  @Test
  void aRewriteOfTheSameRequestReplacesTheEntryAndItsTtl() throws Exception {
    try (RedisPlaceholderVault vault = vault(VaultKeys.keyA())) {
      vault.store("r1", MAP, Duration.ofSeconds(88));
      vault.store("r1", MAP, Duration.ofSeconds(30));

      assertThat(inspector.sync().dbsize()).isEqualTo(1);
      assertThat(inspector.sync().pttl(vault.redisKey("r1"))).isBetween(20_000L, 30_000L);
      assertThat(vault.fetch("r1")).contains(MAP);
    }
  }

  @Test
  void anEntryIsGoneOnceItsTtlHasPassed() throws Exception {
    try (RedisPlaceholderVault vault = vault(VaultKeys.keyA())) {
      vault.store("r1", MAP, Duration.ofMillis(300));

      await().atMost(Duration.ofSeconds(10)).until(() -> vault.fetch("r1").isEmpty());
      assertThat(inspector.sync().dbsize()).isZero();
    }
  }

  @Test
  void anEntryCopiedOntoAnotherRequestDoesNotOpen() throws Exception {
    try (RedisPlaceholderVault vault = vault(VaultKeys.keyA())) {
      vault.store("r1", MAP, Duration.ofSeconds(88));
      inspector.sync().set(vault.redisKey("r2"), inspector.sync().get(vault.redisKey("r1")));

      assertThatThrownBy(() -> vault.fetch("r2")).isInstanceOf(UnreadableEntryException.class);
      assertThat(vault.fetch("r1")).contains(MAP);
    }
  }

  @Test
  void anotherKeyFindsNoEntry() throws Exception {
    try (RedisPlaceholderVault writer = vault(VaultKeys.keyA());
        RedisPlaceholderVault reader = vault(VaultKeys.keyB())) {
      writer.store("r1", MAP, Duration.ofSeconds(88));

      assertThat(reader.fetch("r1")).isEmpty();
    }
  }

  @Test
  void withoutRedisCallsFailAndAfterRepeatedFailuresRedisIsNotEvenTried() throws Exception {
    try (RedisPlaceholderVault vault = vault("redis://127.0.0.1:" + freePort(), VaultKeys.keyA(),
        Duration.ofMinutes(5))) {
      for (int call = 1; call <= 5; call++) {
        assertThatThrownBy(() -> vault.store("r1", MAP, Duration.ofSeconds(88)))
            .isInstanceOf(VaultUnavailableException.class)
            .hasMessageContaining("Redis write at 127.0.0.1:")
            .hasMessageContaining("failed");
      }

      assertThatThrownBy(() -> vault.fetch("r1")).isInstanceOf(VaultUnavailableException.class)
          .hasMessageContaining("skipped");
    }
  }

  @Test
  void reconnectsOnceRedisIsBack(@TempDir Path work) throws Exception {
    int port = freePort();
    try (RedisPlaceholderVault vault = vault("redis://127.0.0.1:" + port, VaultKeys.keyA(), Duration.ofSeconds(5))) {
      assertThatThrownBy(() -> vault.store("r1", MAP, Duration.ofSeconds(88)))
          .isInstanceOf(VaultUnavailableException.class);

      try (RedisProcess lateRedis = RedisProcess.start(new StackLayout(work, work), port)) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
            .until(() -> {
              vault.store("r1", MAP, Duration.ofSeconds(88));
              return true;
            });

        assertThat(vault.fetch("r1")).isEqualTo(Optional.of(MAP));
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
