package dev.sluice.worker.redis;

import dev.sluice.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis for one test class: worker clients to it (each its own connection, as replicas have), and a plain
 * client to look into it from the test.
 */
public final class RedisUnderTest implements AutoCloseable {

  /** Generous, so a busy test machine does not turn a slow answer into a fallback. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final TestRedis server;
  private final RedisClient inspector;
  private final StatefulRedisConnection<String, String> inspection;
  private final List<WorkerRedis> clients = new ArrayList<>();

  private RedisUnderTest(TestRedis server) {
    this.server = server;
    this.inspector = RedisClient.create(server.uri());
    this.inspection = inspector.connect();
  }

  public static RedisUnderTest start() {
    return new RedisUnderTest(TestRedis.start());
  }

  public static WorkerRedisProperties settings(String uri) {
    return new WorkerRedisProperties(uri, Duration.ofSeconds(2), COMMAND_TIMEOUT, Duration.ofSeconds(1),
        "sluice:worker:");
  }

  /** A new worker client with its own connection, closed with this. */
  public WorkerRedis connect() {
    WorkerRedis client = WorkerRedis.create(settings(server.uri()));
    clients.add(client);
    return client;
  }

  /** Synchronous commands for the test's own looks, on a connection of their own. */
  public RedisCommands<String, String> inspect() {
    return inspection.sync();
  }

  public String uri() {
    return server.uri();
  }

  @Override
  public void close() {
    clients.forEach(WorkerRedis::close);
    inspection.close();
    inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    server.close();
  }
}
