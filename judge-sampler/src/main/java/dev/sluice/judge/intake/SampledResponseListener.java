package dev.sluice.judge.intake;

import dev.sluice.events.ChatResponse;
import dev.sluice.judge.sampling.ResponseSampler;
import dev.sluice.judge.scoring.JudgeMetrics;
import dev.sluice.judge.scoring.Judgement;
import dev.sluice.judge.scoring.ResponseJudge;
import dev.sluice.runtime.responses.ResponseHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Reads every response, judges the sampled ones asynchronously and publishes the results. Each record is
 * acknowledged only once its work is done; with asynchronous acks the container commits offsets behind the
 * completed records only, and fetches nothing new until every record of the last poll is acknowledged.
 *
 * <p>Failures of that asynchronous work are settled here, never handed back to the container: a judge that fails
 * costs that judgement only; results that cannot be published send the response to the DLQ; and if even the DLQ
 * refuses it, the record stays unacknowledged and intake stops, so health turns DOWN and a restart redelivers it.
 * (Undecodable records never reach this listener: the container's error handler sends them to the DLQ.)
 */
public class SampledResponseListener {

  /** The listener container's id, for health and for stopping intake. */
  public static final String ID = "judge-sampler";

  private static final Logger log = LoggerFactory.getLogger(SampledResponseListener.class);

  private final ResponseSampler sampler;
  private final ResponseJudge judge;
  private final JudgementPublisher publisher;
  private final InFlightLimit inFlight;
  private final JudgeMetrics metrics;
  private final ConsumerRecordRecoverer deadLetters;
  private final Runnable stopIntake;

  public SampledResponseListener(ResponseSampler sampler, ResponseJudge judge, JudgementPublisher publisher,
      InFlightLimit inFlight, JudgeMetrics metrics, ConsumerRecordRecoverer deadLetters, Runnable stopIntake) {
    this.sampler = sampler;
    this.judge = judge;
    this.publisher = publisher;
    this.inFlight = inFlight;
    this.metrics = metrics;
    this.deadLetters = deadLetters;
    this.stopIntake = stopIntake;
  }

  @KafkaListener(id = ID, idIsGroup = false, topics = "#{@sluiceTopics.responses().name()}")
  public void onResponse(ConsumerRecord<String, ChatResponse> record, Acknowledgment ack)
      throws InterruptedException {
    ChatResponse response = record.value();
    if (holdsPersonalData(record)) {
      // The caller's own restored data is for the caller: it never goes to a judge model.
      metrics.leftOutHoldingPersonalData();
      ack.acknowledge();
      return;
    }
    boolean sampled = response != null && sampler.shouldJudge(response);
    metrics.considered(sampled);
    if (!sampled) {
      ack.acknowledge();
      return;
    }
    inFlight.acquire();
    CompletableFuture<Boolean> settled;
    try {
      settled = judgeAndPublish(response).handle((published, error) -> error == null
              ? CompletableFuture.completedFuture(true)
              // off the HTTP and producer threads: the DLQ send blocks until acknowledged
              : CompletableFuture.supplyAsync(() -> deadLetter(record, error)))
          .thenCompose(outcome -> outcome);
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
    settled.whenComplete((done, error) -> {
      inFlight.release();
      if (Boolean.TRUE.equals(done)) {
        ack.acknowledge();
      } else {
        log.error("Stopping intake: the judgement of request {} could not be published nor dead-lettered; "
            + "a restart redelivers it", response.getRequestId(), error);
        stopIntake.run();
      }
    });
  }

  private static boolean holdsPersonalData(ConsumerRecord<String, ChatResponse> record) {
    Header header = record.headers().lastHeader(ResponseHeaders.HOLDS_PERSONAL_DATA);
    return header != null && "true".equals(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** The whole of one judgement; fails only when its results could not be published. */
  CompletableFuture<Void> judgeAndPublish(ChatResponse response) {
    return judge.judge(response)
        .handle((judgement, error) -> {
          if (error != null) {
            // The response is fine and the sample best effort: a judge that stays down costs this judgement,
            // not the partition. Nothing was billed, so there is no usage to record.
            metrics.callFailed();
            log.warn("Judge call for request {} failed: {}", response.getRequestId(), error.toString());
            return null;
          }
          return judgement;
        })
        .thenCompose(judgement -> judgement == null ? CompletableFuture.completedFuture(null) : publish(judgement));
  }

  private CompletableFuture<Void> publish(Judgement judgement) {
    return publisher.publish(judgement)
        .whenComplete((ignored, error) -> {
          if (error == null) {
            metrics.published(judgement);
          } else {
            // kept in the log for reconciliation: the call was billed but its usage could not be published
            log.error("Could not publish the judgement of request {}; unrecorded judge usage: callId={} "
                + "tenant={} model={} inputTokens={} outputTokens={} costNanos={}",
                judgement.usage().getRequestId(), judgement.usage().getCallId(), judgement.usage().getTenantId(),
                judgement.usage().getModel(), judgement.usage().getUsage().getInputTokens(),
                judgement.usage().getUsage().getOutputTokens(), judgement.usage().getCostNanos(), error);
          }
        });
  }

  private boolean deadLetter(ConsumerRecord<String, ChatResponse> record, Throwable error) {
    try {
      deadLetters.accept(record, error instanceof Exception e ? e : new IllegalStateException(error));
      return true;
    } catch (RuntimeException e) {
      log.error("Could not send request {} to the DLQ", record.key(), e);
      return false;
    }
  }
}
