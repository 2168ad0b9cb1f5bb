package dev.sluice.worker.completion;

import dev.sluice.events.Completion;
import dev.sluice.events.UsageRecord;
import java.util.List;

/** Everything the worker publishes for one request: its Completion and one UsageRecord per billed call. */
public record WorkerOutcome(Completion completion, List<UsageRecord> usage) {

  public WorkerOutcome {
    usage = List.copyOf(usage);
  }
}
