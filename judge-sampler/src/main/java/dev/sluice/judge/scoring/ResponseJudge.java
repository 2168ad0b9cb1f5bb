package dev.sluice.judge.scoring;

import dev.sluice.events.CacheOutcome;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.JudgeScore;
import dev.sluice.events.TokenUsage;
import dev.sluice.events.UsagePurpose;
import dev.sluice.events.UsageRecord;
import dev.sluice.judge.client.JudgeModelClient;
import dev.sluice.judge.client.JudgeReply;
import dev.sluice.judge.rubric.InvalidRubricException;
import dev.sluice.judge.rubric.Rubric;
import dev.sluice.judge.rubric.RubricParser;
import dev.sluice.runtime.pricing.PriceTable;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Has the judge model score one response and turns its reply into a {@link Judgement}: score and priced usage. */
public class ResponseJudge {

  private static final Logger log = LoggerFactory.getLogger(ResponseJudge.class);

  private final JudgeModelClient client;
  private final PriceTable prices;
  private final String provider;
  private final Clock clock;

  public ResponseJudge(JudgeModelClient client, PriceTable prices, String provider, Clock clock) {
    this.client = client;
    this.prices = prices;
    this.provider = provider;
    this.clock = clock;
    // an unpriced judge would be billed as free, or fail every call; refuse at start-up instead
    if (prices.price(provider, client.judgeModel()).isEmpty()) {
      throw new IllegalStateException("the price table has no price for judge model '" + client.judgeModel()
          + "' of provider '" + provider + "' (sluice.judge.model, sluice.judge.provider, sluice.judge.price-table)");
    }
  }

  /**
   * Judges {@code response}. Completes with a judgement once the judge has answered, valid or not; completes
   * exceptionally only when the call itself failed, in which case nothing was billed.
   */
  public CompletableFuture<Judgement> judge(ChatResponse response) {
    return client.judge(response.getContent()).thenApply(reply -> judgementOf(response, reply));
  }

  private Judgement judgementOf(ChatResponse response, JudgeReply reply) {
    Instant now = clock.instant();
    if (!reply.usageReported()) {
      log.warn("Judge call for request {} reported no token usage; its usage is recorded as zero",
          response.getRequestId());
    }
    UsageRecord usage = usageOf(response, reply.usage(), now);
    try {
      Rubric rubric = RubricParser.parse(reply.content());
      return Judgement.scored(usage, scoreOf(response, rubric, now));
    } catch (InvalidRubricException e) {
      // the reply itself is not logged: it may quote the judged answer
      log.warn("Judge reply for request {} is not a valid rubric: {}", response.getRequestId(), e.getMessage());
      return Judgement.invalid(usage, e.getMessage());
    }
  }

  private UsageRecord usageOf(ChatResponse response, TokenUsage tokens, Instant now) {
    long costNanos = prices.costNanos(provider, client.judgeModel(), tokens.getInputTokens(),
        tokens.getCachedInputTokens(), tokens.getOutputTokens(), tokens.getReasoningTokens());
    return UsageRecord.newBuilder()
        .setCallId(UUID.randomUUID().toString())
        .setRequestId(response.getRequestId())
        .setTenantId(response.getTenantId())
        .setPurpose(UsagePurpose.JUDGE)
        .setProvider(provider)
        .setModel(client.judgeModel())
        .setUsage(tokens)
        .setCostNanos(costNanos)
        .setCache(CacheOutcome.NONE)
        .setOccurredAt(now)
        .build();
  }

  private JudgeScore scoreOf(ChatResponse response, Rubric rubric, Instant now) {
    return JudgeScore.newBuilder()
        .setRequestId(response.getRequestId())
        .setTenantId(response.getTenantId())
        .setModel(response.getModel())
        .setJudgeModel(client.judgeModel())
        .setCorrectness(rubric.correctness())
        .setRelevance(rubric.relevance())
        .setHelpfulness(rubric.helpfulness())
        .setSafety(rubric.safety())
        .setOverall(rubric.overall())
        .setReasoning(rubric.reasoning())
        .setScoredAt(now)
        .build();
  }
}
