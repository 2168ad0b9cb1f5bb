package dev.sluice.judge.intake;

import dev.sluice.events.UsageRecord;
import dev.sluice.judge.scoring.Judgement;
import dev.sluice.schemas.topics.SluiceTopics;
import java.util.concurrent.CompletableFuture;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes a judgement: its usage to {@code usage} (always) and its score to {@code judgements} (when valid). */
public class JudgementPublisher {

  private final KafkaTemplate<String, Object> template;
  private final SluiceTopics topics;

  public JudgementPublisher(KafkaTemplate<String, Object> template, SluiceTopics topics) {
    this.template = template;
    this.topics = topics;
  }

  /** Completes once the broker has acknowledged every record of the judgement. */
  public CompletableFuture<Void> publish(Judgement judgement) {
    UsageRecord usage = judgement.usage();
    CompletableFuture<?> usageSent = template.send(topics.usage().name(),
        SluiceTopics.usageKey(usage.getTenantId(), usage.getModel()), usage);
    CompletableFuture<?> scoreSent = judgement.score()
        .<CompletableFuture<?>>map(score -> template.send(topics.judgements().name(), score.getRequestId(), score))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
    return CompletableFuture.allOf(usageSent, scoreSent);
  }
}
