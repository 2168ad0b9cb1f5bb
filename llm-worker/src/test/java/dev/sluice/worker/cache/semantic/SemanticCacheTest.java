package dev.sluice.worker.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.events.ChatParams;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.Role;
import dev.sluice.worker.cache.semantic.SemanticLookup.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache with the real MiniLM model and the embedded Lucene store. */
class SemanticCacheTest {

  private static final Duration TTL = Duration.ofHours(1);
  private static final Executor ON_CALLER = Runnable::run;

  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T12:00:00Z"));
  private final LuceneVectorStore store = LuceneVectorStore.inMemory(1_000, clock);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SemanticCache cache = cache(0.80, ON_CALLER);

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void aParaphraseGetsTheEarlierAnswer() {
    remember(Conversations.question("What is the capital of France?"), "Paris.");

    SemanticLookup lookup = cache.lookup(Conversations.question("Which city is the capital of France?")).join();

    assertThat(lookup.outcome()).isEqualTo(Outcome.HIT);
    assertThat(lookup.hit()).hasValueSatisfying(hit -> {
      assertThat(hit.answer()).isEqualTo(new CachedAnswer("Paris.", "stop", "gpt-4o-mini-2024-07-18"));
      assertThat(hit.cachedPrompt()).isEqualTo("What is the capital of France?");
      assertThat(hit.similarity()).isBetween(0.80, 1.0);
    });
    assertThat(meters.counter("sluice.worker.cache.semantic.lookups", "outcome", "hit").count()).isEqualTo(1);
  }

  @Test
  void aNearMissAboveTheThresholdIsStoppedByTheGuard() {
    remember(Conversations.question("Convert 5 km to miles"), "3.11 miles.");

    SemanticLookup lookup = cache.lookup(Conversations.question("Convert 5 miles to km")).join();

    assertThat(lookup.outcome()).isEqualTo(Outcome.NEAR_MISS);
    assertThat(lookup.hit()).isEmpty();
    assertThat(meters.counter("sluice.worker.cache.semantic.lookups", "outcome", "near_miss").count())
        .isEqualTo(1);
  }

  @Test
  void pastANearMissTheNextCandidateMayStillMatch() {
    remember(Conversations.question("Convert 5 km to miles"), "3.11 miles.");
    remember(Conversations.question("Please convert 5 miles into km"), "8.05 km.");

    SemanticLookup lookup = cache.lookup(Conversations.question("Convert 5 miles to km")).join();

    double nearMiss = VectorStoreContract.cosine(SharedMiniLm.get().embed("Convert 5 miles to km"),
        SharedMiniLm.get().embed("Convert 5 km to miles"));
    assertThat(lookup.hit()).hasValueSatisfying(hit -> {
      assertThat(hit.answer().content()).isEqualTo("8.05 km.");
      assertThat(hit.similarity()).as("the near miss was the nearest").isLessThan(nearMiss);
    });
  }

  @Test
  void anotherTenantOrModelIsNotAnsweredFromTheCache() {
    remember(Conversations.question("What is the capital of France?"), "Paris.");

    assertThat(cache.lookup(Conversations.of("Be brief.").tenant("globex").ask("What is the capital of France?"))
        .join().outcome()).isEqualTo(Outcome.MISS);
    assertThat(cache.lookup(Conversations.of("Be brief.").model("gpt-4o").ask("What is the capital of France?"))
        .join().outcome()).isEqualTo(Outcome.MISS);
    assertThat(cache.lookup(Conversations.of("Be brief.").params(ChatParams.newBuilder().setTemperature(1.5).build())
        .ask("What is the capital of France?")).join().outcome()).isEqualTo(Outcome.MISS);
  }

  @Test
  void aFollowUpIsAnsweredOnlyInTheSameConversation() {
    Conversations france = Conversations.of("Be brief.")
        .turn(Role.USER, "What is the capital of France?").turn(Role.ASSISTANT, "Paris.");
    Conversations italy = Conversations.of("Be brief.")
        .turn(Role.USER, "What is the capital of Italy?").turn(Role.ASSISTANT, "Rome.");
    remember(france.ask("How many people live there?"), "About 2.1 million.");

    assertThat(cache.lookup(italy.ask("How many people live there?")).join().outcome()).isEqualTo(Outcome.MISS);
    assertThat(cache.lookup(Conversations.question("How many people live there?")).join().outcome())
        .isEqualTo(Outcome.MISS);
    assertThat(cache.lookup(france.ask("What is the population there?")).join().hit())
        .hasValueSatisfying(hit -> assertThat(hit.answer().content()).isEqualTo("About 2.1 million."));
  }

  @Test
  void anAnswerIsNotReusedAfterItsTimeToLive() {
    remember(Conversations.question("What is the capital of France?"), "Paris.");
    clock.advance(TTL);

    assertThat(cache.lookup(Conversations.question("Which city is the capital of France?")).join().outcome())
        .isEqualTo(Outcome.MISS);
  }

  @Test
  void theThresholdDecidesHowCloseIsCloseEnough() {
    // MiniLM puts these two at about 0.85.
    ChatRequest cached = Conversations.question("How do I fix a flat tire on my bike?");
    ChatRequest asked = Conversations.question("How can I repair a flat bicycle tyre?");
    remember(cached, "Patch the tube.");

    assertThat(cache(0.90, ON_CALLER).lookup(asked).join().outcome()).isEqualTo(Outcome.MISS);
    assertThat(cache(0.80, ON_CALLER).lookup(asked).join().outcome()).isEqualTo(Outcome.HIT);
  }

  @Test
  void requestsThatMayNotUseTheCacheAreNeitherLookedUpNorStored() {
    ChatRequest bypassing = Conversations.of("Be brief.").bypassingCaches().ask("What is the capital of France?");
    ChatRequest tooLong = Conversations.question("Summarize: " + "lorem ipsum ".repeat(100));

    for (ChatRequest request : new ChatRequest[] {bypassing, tooLong}) {
      SemanticLookup lookup = cache.lookup(request).join();
      assertThat(lookup.outcome()).isEqualTo(Outcome.NOT_CACHEABLE);
      lookup.remember(new CachedAnswer("Paris.", "stop", "gpt-4o-mini")).join();
    }
    assertThat(store.size()).isZero();
  }

  @Test
  void answersCutShortAreNotRemembered() {
    SemanticLookup miss = cache.lookup(Conversations.question("Write a long poem about the sea")).join();

    miss.remember(new CachedAnswer("The sea, the sea, the", "length", "gpt-4o-mini")).join();

    assertThat(store.size()).isZero();
  }

  @Test
  void aHitIsNotStoredAgain() {
    remember(Conversations.question("What is the capital of France?"), "Paris.");
    SemanticLookup hit = cache.lookup(Conversations.question("Which city is the capital of France?")).join();

    hit.remember(new CachedAnswer("Paris.", "stop", "gpt-4o-mini")).join();

    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void aFullQueueIsAMissNotAWait() {
    Executor full = task -> {
      throw new RejectedExecutionException("queue full");
    };

    SemanticLookup lookup = cache(0.80, full).lookup(Conversations.question("Why is the sky blue?")).join();

    assertThat(lookup.outcome()).isEqualTo(Outcome.BUSY);
  }

  @Test
  void aBrokenStoreIsAMissNotAFailure() {
    SemanticLookup lookup;
    try (QdrantTestServer server = QdrantTestServer.start()) {
      VectorStore qdrant = new QdrantVectorStore(SemanticCacheConfiguration.qdrantClient(
          new SemanticCacheProperties.Qdrant("127.0.0.1", server.port(), false, null, "cache", Duration.ofSeconds(5))),
          "cache", 384, Duration.ofSeconds(5), clock);
      server.close();
      SemanticCache broken = new SemanticCache(SharedMiniLm.get(), qdrant, new NearMissGuard(),
          new SemanticCache.Settings(0.80, 4, TTL, 1_000), ON_CALLER, meters, clock);

      lookup = broken.lookup(Conversations.question("Why is the sky blue?")).join();
      qdrant.close();
    }

    assertThat(lookup.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(meters.counter("sluice.worker.cache.semantic.lookups", "outcome", "error").count()).isEqualTo(1);
  }

  private void remember(ChatRequest request, String answer) {
    SemanticLookup lookup = cache.lookup(request).join();
    assertThat(lookup.hit()).as("nothing cached yet for %s", request.getMessages()).isEmpty();
    lookup.remember(new CachedAnswer(answer, "stop", "gpt-4o-mini-2024-07-18")).join();
  }

  private SemanticCache cache(double threshold, Executor executor) {
    return new SemanticCache(SharedMiniLm.get(), store, new NearMissGuard(),
        new SemanticCache.Settings(threshold, 4, TTL, 1_000), executor, meters, clock);
  }
}
