package dev.sluice.guard.vault;

import dev.sluice.guard.pii.PlaceholderMap;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The placeholder vault in Redis: one string key per request, its name derived from the requestId and the vault
 * key (see {@link VaultKey#entryName}), its value the sealed map (see {@link PlaceholderSealer}), written with
 * {@code SET … PX ttl} so a rewrite replaces the entry and its lifetime.
 *
 * <p>Called on stream threads, so no call waits longer than the command timeout, connecting included: the
 * connection is opened in the background, commands fail at once while it is down (Lettuce reconnects by itself)
 * and after repeated failures a circuit breaker skips Redis entirely for a pause, so a Redis that hangs costs a
 * few timeouts, not one per record.
 */
public final class RedisPlaceholderVault implements PlaceholderVault, AutoCloseable {

  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  // The breaker opens when half of the last 10 calls failed (at least 5 calls seen); one trial call then decides.
  private static final int BREAKER_WINDOW = 10;
  private static final int BREAKER_MINIMUM_CALLS = 5;
  private static final float BREAKER_FAILURE_RATE = 50f;

  private final RedisClient client;
  private final VaultRedisSettings settings;
  private final PlaceholderSealer sealer;
  private final VaultKey key;
  private final CircuitBreaker breaker;
  private final long commandTimeoutNanos;
  private final Object connecting = new Object();
  private volatile CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection;
  private volatile boolean closed;

  private RedisPlaceholderVault(RedisClient client, VaultRedisSettings settings, VaultKey key, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.key = key;
    this.sealer = new PlaceholderSealer(key, new SecureRandom());
    this.commandTimeoutNanos = settings.commandTimeout().toNanos();
    this.breaker = CircuitBreaker.of("pii-vault", CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(BREAKER_WINDOW)
        .minimumNumberOfCalls(BREAKER_MINIMUM_CALLS)
        .failureRateThreshold(BREAKER_FAILURE_RATE)
        .waitDurationInOpenState(settings.pauseAfterFailures())
        .permittedNumberOfCallsInHalfOpenState(1)
        .clock(clock)
        .build());
  }

  /** A vault on the Redis of {@code settings}; starts opening the connection in the background. */
  public static RedisPlaceholderVault create(VaultRedisSettings settings, VaultKey key, Clock clock) {
    RedisClient client = RedisClient.create();
    client.setOptions(ClientOptions.builder()
        // Buffering commands while disconnected would hold them (and memory) for as long as Redis is away.
        .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
        .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).build())
        .build());
    RedisPlaceholderVault vault = new RedisPlaceholderVault(client, settings, key, clock);
    vault.connection();
    return vault;
  }

  @Override
  public void store(String requestId, PlaceholderMap placeholders, Duration ttl) throws VaultUnavailableException {
    byte[] sealed = sealer.seal(requestId, placeholders);
    call("write", commands -> commands.set(redisKey(requestId), sealed, SetArgs.Builder.px(ttl.toMillis())));
  }

  @Override
  public Optional<PlaceholderMap> fetch(String requestId)
      throws VaultUnavailableException, UnreadableEntryException {
    byte[] sealed = call("read", commands -> commands.get(redisKey(requestId)));
    return sealed == null ? Optional.empty() : Optional.of(sealer.open(requestId, sealed));
  }

  /** The Redis key of the entry for {@code requestId}. */
  byte[] redisKey(String requestId) {
    return (settings.keyPrefix() + key.entryName(requestId)).getBytes(StandardCharsets.UTF_8);
  }

  private <T> T call(String operation,
      Function<RedisAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) throws VaultUnavailableException {
    if (!breaker.tryAcquirePermission()) {
      throw new VaultUnavailableException("Redis " + operation + " skipped: Redis at " + settings.address()
          + " failed repeatedly, next try within " + settings.pauseAfterFailures());
    }
    long start = System.nanoTime();
    CompletableFuture<T> result = connection()
        .thenCompose(connection -> command.apply(connection.async()).toCompletableFuture());
    try {
      T value = result.get(commandTimeoutNanos, TimeUnit.NANOSECONDS);
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return value;
    } catch (ExecutionException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e.getCause());
      throw new VaultUnavailableException("Redis " + operation + " at " + settings.address() + " failed: "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      throw new VaultUnavailableException("Redis " + operation + " at " + settings.address()
          + " took longer than " + settings.commandTimeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      breaker.releasePermission();
      throw new VaultUnavailableException("Redis " + operation + " interrupted", e);
    }
  }

  /** The connection, opening it again when the last attempt failed; never waits. */
  private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection() {
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = connection;
    if (current != null && !current.isCompletedExceptionally()) {
      return current;
    }
    synchronized (connecting) {
      current = connection;
      if (current != null && !current.isCompletedExceptionally()) {
        return current;
      }
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the vault's Redis client is closed"));
      }
      try {
        current = client.connectAsync(ByteArrayCodec.INSTANCE, settings.uri()).toCompletableFuture();
      } catch (RuntimeException e) {
        current = CompletableFuture.failedFuture(e);
      }
      connection = current;
      return current;
    }
  }

  @Override
  public void close() {
    synchronized (connecting) {
      closed = true;
    }
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = connection;
    if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
      current.join().close();
    }
    client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
  }

  @Override
  public String toString() {
    return "RedisPlaceholderVault[" + settings.address() + "]";
  }
}
