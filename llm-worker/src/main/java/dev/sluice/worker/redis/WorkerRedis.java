package dev.sluice.worker.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's one connection to Redis, multiplexed by every request: opened on first use, and opened again on a
 * later use if opening failed, so the worker starts and runs while Redis is away. Commands never wait for Redis to
 * come back: while the connection is down they fail at once, and a command Redis does not answer fails after the
 * command timeout, so a caller can go on without Redis instead of holding its request.
 *
 * <p>Futures complete on Lettuce's I/O threads: what is chained onto them must not block.
 */
public final class WorkerRedis implements AutoCloseable {

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final RedisURI uri;
  private final String keyPrefix;
  private final long reconnectAfterNanos;
  private final Object connecting = new Object();
  private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
  private long failedAtNanos;
  private volatile boolean closed;

  private WorkerRedis(RedisClient client, RedisURI uri, String keyPrefix, Duration reconnectAfter) {
    this.client = client;
    this.uri = uri;
    this.keyPrefix = keyPrefix;
    this.reconnectAfterNanos = reconnectAfter.toNanos();
  }

  /** A client for the configured Redis; nothing is connected until the first command. */
  public static WorkerRedis create(WorkerRedisProperties settings) {
    RedisURI uri = settings.redisUri();
    RedisClient client = RedisClient.create(uri);
    client.setOptions(ClientOptions.builder()
        // Buffering commands while disconnected would hold requests (and memory) for as long as Redis is away.
        .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .build());
    return new WorkerRedis(client, uri, settings.keyPrefix(), settings.reconnectAfter());
  }

  /** The asynchronous commands of the shared connection; fails when the connection cannot be opened now. */
  public CompletableFuture<RedisAsyncCommands<String, String>> commands() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the worker's Redis client is closed"));
    }
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
    if (current == null || current.isCompletedExceptionally()) {
      current = connectIfDue();
    }
    return current.thenApply(StatefulRedisConnection::async);
  }

  /** A key under the configured prefix: the prefix, then the parts joined by {@code ':'}. */
  public String key(String... parts) {
    return keyPrefix + String.join(":", parts);
  }

  /** Where the connection goes, for health details and logs (never the password). */
  public String address() {
    return uri.getHost() + ":" + uri.getPort();
  }

  @Override
  public void close() {
    closed = true;
    CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
    if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
      current.join().close();
    }
    client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
  }

  /** A failed open is tried again only once {@code reconnectAfter} has passed, not on every request. */
  private CompletableFuture<StatefulRedisConnection<String, String>> connectIfDue() {
    synchronized (connecting) {
      CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
      if (current != null && !current.isCompletedExceptionally()) {
        return current;
      }
      if (current != null && System.nanoTime() - failedAtNanos < reconnectAfterNanos) {
        return current;
      }
      CompletableFuture<StatefulRedisConnection<String, String>> opening;
      try {
        opening = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
      } catch (RuntimeException closedClient) {
        opening = CompletableFuture.failedFuture(closedClient);
      }
      // The failure time is recorded before anyone sees the failure, so no caller reconnects early.
      opening = opening.whenComplete((opened, error) -> {
        if (error != null) {
          synchronized (connecting) {
            failedAtNanos = System.nanoTime();
          }
        }
      });
      connection = opening;
      return opening;
    }
  }
}
