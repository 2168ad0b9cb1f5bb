package dev.sluice.worker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LuaScriptTest {

  private static final RedisUnderTest REDIS = RedisUnderTest.start();
  private static final LuaScript INCREMENT = LuaScript.load(LuaScriptTest.class, "increment.lua");
  private static final LuaScript FAILING = LuaScript.load(LuaScriptTest.class, "failing.lua");

  private final RedisAsyncCommands<String, String> commands = REDIS.connect().commands().join();

  @AfterAll
  static void stop() {
    REDIS.close();
  }

  @BeforeEach
  void empty() {
    REDIS.inspect().flushall();
    REDIS.inspect().scriptFlush();
  }

  @Test
  void aScriptRedisDoesNotKnowIsSentWholeOnceAndByItsShaAfterwards() {
    assertThat(REDIS.inspect().scriptExists(INCREMENT.sha1())).containsExactly(false);

    Long first = INCREMENT.<Long>run(commands, ScriptOutputType.INTEGER, new String[] {"counter"}, "5").join();

    assertThat(first).isEqualTo(5);
    assertThat(REDIS.inspect().scriptExists(INCREMENT.sha1())).containsExactly(true);
    assertThat(REDIS.inspect().scriptLoad("return redis.call('INCRBY', KEYS[1], ARGV[1])\n"))
        .isEqualTo(INCREMENT.sha1());
  }

  @Test
  void aFlushedScriptCacheIsRefilledOnTheNextRun() {
    INCREMENT.<Long>run(commands, ScriptOutputType.INTEGER, new String[] {"counter"}, "1").join();
    REDIS.inspect().scriptFlush();

    Long second = INCREMENT.<Long>run(commands, ScriptOutputType.INTEGER, new String[] {"counter"}, "1").join();

    assertThat(second).isEqualTo(2);
  }

  @Test
  void aScriptsOwnErrorFailsTheRunWithoutSendingTheSource() {
    REDIS.inspect().scriptLoad("return redis.error_reply('deliberate failure')\n");
    REDIS.inspect().configResetstat();

    assertThatThrownBy(() -> FAILING.run(commands, ScriptOutputType.STATUS, new String[] {"k"}).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RedisCommandExecutionException.class)
        .hasMessageContaining("deliberate failure");
    String commandStats = REDIS.inspect().info("commandstats");
    assertThat(commandStats).contains("cmdstat_evalsha:calls=1").doesNotContain("cmdstat_eval:");
  }
}
