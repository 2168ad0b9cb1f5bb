package dev.sluice.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Worker settings for tests, built the way the configuration binds them. */
public final class WorkerSettings {

  private WorkerSettings() {
  }

  /** A provider at {@code baseUrl} with no account limits and a 2 s connect timeout. */
  public static WorkerProperties.Provider provider(String baseUrl, String apiKey, List<String> models,
      int maxConcurrentCalls, Duration callTimeout) {
    return new WorkerProperties.Provider(true, baseUrl, apiKey, models, maxConcurrentCalls, 0, 0, callTimeout,
        Duration.ofSeconds(2));
  }

  /** The shipped auto rule: cheap and strong routes, 1000 tokens, tiers premium and enterprise. */
  public static WorkerProperties.Auto auto() {
    return new WorkerProperties.Auto("cheap", "strong", 1000, "tier", List.of("premium", "enterprise"));
  }

  /** A breaker that judges the last {@code window} calls once {@code minimumCalls} were made, open for a minute. */
  public static WorkerProperties.Breaker breaker(int window, int minimumCalls) {
    return new WorkerProperties.Breaker(50, window, minimumCalls, Duration.ofMinutes(1), 1);
  }

  public static WorkerProperties properties(Map<String, WorkerProperties.Provider> providers,
      Map<String, List<String>> routes, WorkerProperties.Breaker breaker, WorkerProperties.Retry retry) {
    return new WorkerProperties(256, 0.75, Duration.ofSeconds(30), null, new LinkedHashMap<>(providers),
        new LinkedHashMap<>(routes), auto(), breaker, retry);
  }
}
