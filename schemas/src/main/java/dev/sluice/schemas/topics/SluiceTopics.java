package dev.sluice.schemas.topics;

import dev.sluice.events.Alert;
import dev.sluice.events.BudgetState;
import dev.sluice.events.ChatRequest;
import dev.sluice.events.ChatResponse;
import dev.sluice.events.Completion;
import dev.sluice.events.CostWindow;
import dev.sluice.events.GuardEvent;
import dev.sluice.events.GuardedRequest;
import dev.sluice.events.JudgeScore;
import dev.sluice.events.UsageRecord;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of DESIGN §1 as a typed descriptor, named with a configurable prefix (default {@code sluice.}).
 * Keys are strings: the requestId on the request path, {@code tenantId|model} on usage, window keys on aggregates.
 */
public final class SluiceTopics {

  public static final String DEFAULT_PREFIX = "sluice.";

  private final String prefix;
  private final TopicDescriptor<String, ChatRequest> requests;
  private final TopicDescriptor<String, GuardedRequest> requestsGuarded;
  private final TopicDescriptor<String, Completion> completions;
  private final TopicDescriptor<String, ChatResponse> responses;
  private final TopicDescriptor<String, UsageRecord> usage;
  private final TopicDescriptor<String, GuardEvent> guardEvents;
  private final TopicDescriptor<String, CostWindow> costs1m;
  private final TopicDescriptor<String, JudgeScore> judgements;
  private final TopicDescriptor<String, BudgetState> budgets;
  private final TopicDescriptor<String, Alert> alerts;
  private final TopicDescriptor<byte[], byte[]> dlq;

  public SluiceTopics(String prefix, ValueSerdeFactory values) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(values, "values");
    requests = new TopicDescriptor<>(prefix + "requests", Serdes.String(), values.serdeFor(ChatRequest.class), false);
    requestsGuarded = new TopicDescriptor<>(prefix + "requests.guarded", Serdes.String(),
        values.serdeFor(GuardedRequest.class), false);
    completions = new TopicDescriptor<>(prefix + "completions", Serdes.String(), values.serdeFor(Completion.class), false);
    responses = new TopicDescriptor<>(prefix + "responses", Serdes.String(), values.serdeFor(ChatResponse.class), false);
    usage = new TopicDescriptor<>(prefix + "usage", Serdes.String(), values.serdeFor(UsageRecord.class), false);
    guardEvents = new TopicDescriptor<>(prefix + "guard.events", Serdes.String(), values.serdeFor(GuardEvent.class), false);
    costs1m = new TopicDescriptor<>(prefix + "costs.1m", Serdes.String(), values.serdeFor(CostWindow.class), true);
    judgements = new TopicDescriptor<>(prefix + "judgements", Serdes.String(), values.serdeFor(JudgeScore.class), false);
    budgets = new TopicDescriptor<>(prefix + "budgets", Serdes.String(), values.serdeFor(BudgetState.class), true);
    alerts = new TopicDescriptor<>(prefix + "alerts", Serdes.String(), values.serdeFor(Alert.class), false);
    dlq = new TopicDescriptor<>(prefix + "dlq", Serdes.ByteArray(), Serdes.ByteArray(), false);
  }

  public String prefix() {
    return prefix;
  }

  public TopicDescriptor<String, ChatRequest> requests() {
    return requests;
  }

  public TopicDescriptor<String, GuardedRequest> requestsGuarded() {
    return requestsGuarded;
  }

  public TopicDescriptor<String, Completion> completions() {
    return completions;
  }

  public TopicDescriptor<String, ChatResponse> responses() {
    return responses;
  }

  public TopicDescriptor<String, UsageRecord> usage() {
    return usage;
  }

  public TopicDescriptor<String, GuardEvent> guardEvents() {
    return guardEvents;
  }

  public TopicDescriptor<String, CostWindow> costs1m() {
    return costs1m;
  }

  public TopicDescriptor<String, JudgeScore> judgements() {
    return judgements;
  }

  public TopicDescriptor<String, BudgetState> budgets() {
    return budgets;
  }

  public TopicDescriptor<String, Alert> alerts() {
    return alerts;
  }

  public TopicDescriptor<byte[], byte[]> dlq() {
    return dlq;
  }

  /** Every topic, for creating them up front (auto-creation is off). */
  public List<TopicDescriptor<?, ?>> all() {
    return List.of(requests, requestsGuarded, completions, responses, usage, guardEvents, costs1m, judgements,
        budgets, alerts, dlq);
  }

  /** The key of a usage record: tenant and model, so cost windows need no repartition. */
  public static String usageKey(String tenantId, String model) {
    return tenantId + "|" + model;
  }
}
