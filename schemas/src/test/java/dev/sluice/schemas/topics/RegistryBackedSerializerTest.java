package dev.sluice.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class RegistryBackedSerializerTest {

  @Test
  void aRegistryConflictIsRetriedUntilTheSchemaIsThere() {
    AtomicInteger calls = new AtomicInteger();
    Serializer<String> flaky = (topic, data) -> {
      if (calls.incrementAndGet() < 3) {
        throw new SerializationException("registering failed", new IOException("conflict in the registry store"));
      }
      return data.getBytes(StandardCharsets.UTF_8);
    };

    byte[] bytes = new RegistryBackedSerializer<>(flaky).serialize("t", "value");

    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("value");
    assertThat(calls).hasValue(3);
  }

  @Test
  void aRecordThatCannotBeWrittenFailsAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    Serializer<String> broken = (topic, data) -> {
      calls.incrementAndGet();
      throw new SerializationException("field x is missing");
    };

    assertThatThrownBy(() -> new RegistryBackedSerializer<>(broken).serialize("t", "value"))
        .hasMessageContaining("field x is missing");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aRegistryThatKeepsFailingGivesUpAfterBoundedAttempts() {
    AtomicInteger calls = new AtomicInteger();
    Serializer<String> down = (topic, data) -> {
      calls.incrementAndGet();
      throw new SerializationException("down", new IOException("connection refused"));
    };

    assertThatThrownBy(() -> new RegistryBackedSerializer<>(down).serialize("t", "value"))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("kept failing");
    assertThat(calls).hasValue(RegistryBackedSerializer.MAX_ATTEMPTS);
  }

  @Test
  void closingASharedSerializerLeavesItUsable() {
    AtomicInteger closes = new AtomicInteger();
    Serializer<String> delegate = new Serializer<>() {
      @Override
      public byte[] serialize(String topic, String data) {
        return data.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public void close() {
        closes.incrementAndGet();
      }
    };
    RegistryBackedSerializer<String> shared = new RegistryBackedSerializer<>(delegate);

    shared.close();

    assertThat(closes).hasValue(0);
    assertThat(shared.serialize("t", "still works")).isNotEmpty();
  }

  @Test
  void concurrentFirstWritesOfASchemaReachTheRegistryOneAtATimeAndLaterOnesRunTogether() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch firstInside = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch laterWritesInside = new CountDownLatch(2);
    Serializer<String> slowRegistry = (topic, data) -> {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        if (data.equals("first-0")) {
          firstInside.countDown();
          assertThat(releaseFirst.await(10, TimeUnit.SECONDS)).isTrue();
        } else if (data.startsWith("later")) {
          laterWritesInside.countDown();
          // Both later writes must be inside at the same time, or this waits out its bound and the test fails.
          assertThat(laterWritesInside.await(10, TimeUnit.SECONDS)).isTrue();
        }
        return data.getBytes(StandardCharsets.UTF_8);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    };
    RegistryBackedSerializer<String> serializer = new RegistryBackedSerializer<>(slowRegistry);
    List<Thread> threads = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8, runnable -> {
      Thread thread = new Thread(runnable);
      threads.add(thread);
      return thread;
    });
    try {
      List<Future<byte[]>> first = new ArrayList<>();
      first.add(pool.submit(() -> serializer.serialize("t", "first-0")));
      assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < 8; i++) {
        String value = "first-" + i;
        first.add(pool.submit(() -> serializer.serialize("t", value)));
      }
      // The other seven wait for the first write of the schema, not the registry.
      await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream()
          .filter(thread -> thread.getState() == Thread.State.BLOCKED).count() == 7);
      assertThat(running).hasValue(1);
      releaseFirst.countDown();
      for (Future<byte[]> write : first) {
        assertThat(write.get(10, TimeUnit.SECONDS)).isNotEmpty();
      }
      assertThat(mostAtOnce).hasValue(1);

      Future<byte[]> laterA = pool.submit(() -> serializer.serialize("t", "later-a"));
      Future<byte[]> laterB = pool.submit(() -> serializer.serialize("t", "later-b"));
      assertThat(new String(laterA.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("later-a");
      assertThat(new String(laterB.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("later-b");
      assertThat(mostAtOnce).hasValue(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
