package dev.sluice.worker.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script Redis runs atomically. It is sent by its SHA-1 ({@code EVALSHA}); only when Redis does not know it
 * (first use, a restart, {@code SCRIPT FLUSH}, a failover) is the source sent ({@code EVAL}), which also caches it.
 */
public final class LuaScript {

  private final String source;
  private final String sha1;

  private LuaScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** The script in the classpath resource {@code name}, next to {@code owner}. */
  public static LuaScript load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no script " + name + " next to " + owner.getName());
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String sha1() {
    return sha1;
  }

  public <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType output,
      String[] keys, String... args) {
    CompletableFuture<T> bySha = redis.<T>evalsha(sha1, output, keys, args).toCompletableFuture();
    return bySha.exceptionallyCompose(error -> unwrap(error) instanceof RedisNoScriptException
        ? redis.<T>eval(source, output, keys, args).toCompletableFuture()
        : CompletableFuture.failedFuture(error));
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static String sha1Hex(String source) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
