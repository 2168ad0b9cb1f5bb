package dev.sluice.worker.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.runtime.pricing.PriceTable;
import dev.sluice.worker.Requests;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.WorkerSettings;
import dev.sluice.worker.pricing.CallPricer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static final Instant DEADLINE = Instant.parse("2025-01-01T12:00:00Z");
  private static final CallPricer PRICER = new CallPricer(PriceTable.defaults());

  @Test
  void resolvesRoutesModelsAndAuto() {
    RouteTable table = RouteTable.from(settings(
        providers("openai", List.of("gpt-4o", "gpt-4o-mini"), "simulator", List.of("gpt-4o", "gpt-4o-mini")),
        routes("strong", List.of("openai:gpt-4o", "simulator:gpt-4o"),
            "cheap", List.of("openai:gpt-4o-mini"),
            "gpt-4o", List.of("simulator:gpt-4o", "openai:gpt-4o"),
            "gpt-4o-mini", List.of("openai:gpt-4o-mini"))), PRICER);

    RouteDecision strong = resolve(table, "strong");
    assertThat(strong.route().targets())
        .containsExactly(new Target("openai", "gpt-4o"), new Target("simulator", "gpt-4o"));
    assertThat(strong.reason()).isEqualTo("strong -> openai:gpt-4o");
    assertThat(strong.autoRule()).isEmpty();
    assertThat(resolve(table, "gpt-4o").route().targets()).first().isEqualTo(new Target("simulator", "gpt-4o"));
    RouteDecision auto = resolve(table, "auto");
    assertThat(auto.route().name()).isEqualTo("cheap");
    assertThat(auto.autoRule()).contains(AutoRouter.Rule.SIMPLE);
    assertThat(table.resolve(Requests.chat("r", "gpt-9", "Hi", DEADLINE))).isEmpty();
  }

  @Test
  void aModelOneProviderServesNeedsNoRoute() {
    RouteTable table = RouteTable.from(settings(providers("simulator", List.of("gpt-4o", "gpt-4o-mini")),
        routes("cheap", List.of("simulator:gpt-4o-mini"), "strong", List.of("simulator:gpt-4o"))), PRICER);

    RouteDecision decision = resolve(table, "gpt-4o-mini");
    assertThat(decision.route().targets()).containsExactly(new Target("simulator", "gpt-4o-mini"));
    assertThat(decision.reason()).isEqualTo("gpt-4o-mini -> simulator:gpt-4o-mini");
    assertThat(table.names()).containsExactlyInAnyOrder("cheap", "strong", "gpt-4o", "gpt-4o-mini");
  }

  @Test
  void aTargetKeepsColonsInItsModelName() {
    assertThat(Target.parse("ollama:llama3:8b")).isEqualTo(new Target("ollama", "llama3:8b"));
    assertThatThrownBy(() -> Target.parse("gpt-4o")).hasMessageContaining("provider:model");
    assertThatThrownBy(() -> Target.parse("openai:")).hasMessageContaining("provider:model");
  }

  @Test
  void anUnknownProviderInARouteStopsTheStartWithTheRouteNamed() {
    assertThatThrownBy(() -> RouteTable.from(settings(providers("simulator", List.of("gpt-4o", "gpt-4o-mini")),
        routes("cheap", List.of("simulator:gpt-4o-mini"), "strong", List.of("azure:gpt-4o", "simulator:gpt-4o"))),
        PRICER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("sluice.worker.routes.strong: 'azure:gpt-4o' names provider 'azure', which "
            + "sluice.worker.providers does not define (defined: [simulator])")
        .hasMessageNotContaining("auto.strong-route");
  }

  @Test
  void aModelItsProviderDoesNotServeStopsTheStart() {
    assertThatThrownBy(() -> RouteTable.from(settings(providers("simulator", List.of("gpt-4o", "gpt-4o-mini")),
        routes("cheap", List.of("simulator:gpt-3.5-turbo"), "strong", List.of("simulator:gpt-4o"))), PRICER))
        .hasMessageContaining("sluice.worker.routes.cheap: 'simulator:gpt-3.5-turbo' names model 'gpt-3.5-turbo', "
            + "which sluice.worker.providers.simulator.models does not list");
  }

  @Test
  void aModelWithoutAPriceStopsTheStart() {
    assertThatThrownBy(() -> RouteTable.from(settings(providers("simulator", List.of("gpt-4o", "gpt-4o-mini",
        "sim-large")), routes("cheap", List.of("simulator:gpt-4o-mini"), "strong", List.of("simulator:sim-large"))),
        PRICER))
        .hasMessageContaining("sluice.worker.providers.simulator.models lists 'sim-large', which the price table "
            + "does not price (simulator.sim-large.input/.output): a call must never be billed as free");
  }

  @Test
  void aModelTwoProvidersServeNeedsARouteThatOrdersThem() {
    assertThatThrownBy(() -> RouteTable.from(settings(
        providers("openai", List.of("gpt-4o", "gpt-4o-mini"), "simulator", List.of("gpt-4o-mini")),
        routes("cheap", List.of("openai:gpt-4o-mini"), "strong", List.of("openai:gpt-4o"))), PRICER))
        .hasMessageContaining("model 'gpt-4o-mini' is served by openai and simulator: say which goes first with "
            + "sluice.worker.routes.gpt-4o-mini (e.g. [openai:gpt-4o-mini, simulator:gpt-4o-mini])")
        .hasMessageNotContaining("'gpt-4o' is served");
  }

  @Test
  void autoNeedsItsRoutesAndCannotBeARoute() {
    assertThatThrownBy(() -> RouteTable.from(settings(providers("simulator", List.of("gpt-4o", "gpt-4o-mini")),
        routes("auto", List.of("simulator:gpt-4o"), "fast", List.of("simulator:gpt-4o-mini"))), PRICER))
        .hasMessageContaining("sluice.worker.routes.auto: 'auto' is the name of the automatic choice")
        .hasMessageContaining("sluice.worker.auto.cheap-route is 'cheap', which is neither a route")
        .hasMessageContaining("sluice.worker.auto.strong-route is 'strong'");
  }

  @Test
  void aDisabledProviderCannotBeATarget() {
    Map<String, WorkerProperties.Provider> providers = providers("simulator", List.of("gpt-4o", "gpt-4o-mini"));
    providers.put("openai", new WorkerProperties.Provider(false, "https://api.openai.com/v1", "sk", List.of("gpt-4o"),
        8, 0, 0, Duration.ofSeconds(60), Duration.ofSeconds(5)));

    assertThatThrownBy(() -> RouteTable.from(settings(providers, routes("cheap", List.of("simulator:gpt-4o-mini"),
        "strong", List.of("openai:gpt-4o"))), PRICER))
        .hasMessageContaining("sluice.worker.routes.strong: 'openai:gpt-4o' names provider 'openai', which is "
            + "disabled");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    assertThatThrownBy(() -> RouteTable.from(settings(providers("simulator", List.of("gpt-4o", "gpt-4o-mini",
        "sim-x")), routes("cheap", List.of("nowhere"), "strong", List.of("simulator:gpt-5"))), PRICER))
        .hasMessageContaining("'sim-x', which the price table does not price")
        .hasMessageContaining("sluice.worker.routes.cheap: 'nowhere' is not provider:model")
        .hasMessageContaining("sluice.worker.routes.strong: 'simulator:gpt-5' names model 'gpt-5'");
  }

  private static RouteDecision resolve(RouteTable table, String model) {
    return table.resolve(Requests.chat("r", model, "Hi", DEADLINE)).orElseThrow();
  }

  private static WorkerProperties settings(Map<String, WorkerProperties.Provider> providers,
      Map<String, List<String>> routes) {
    return WorkerSettings.properties(providers, routes, WorkerSettings.breaker(20, 10),
        new WorkerProperties.Retry(4, Duration.ofMillis(200), Duration.ofSeconds(10)));
  }

  private static Map<String, WorkerProperties.Provider> providers(Object... nameThenModels) {
    Map<String, WorkerProperties.Provider> providers = new LinkedHashMap<>();
    for (int i = 0; i < nameThenModels.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> models = (List<String>) nameThenModels[i + 1];
      providers.put((String) nameThenModels[i], WorkerSettings.provider("http://localhost:8090/v1", "sk", models, 8,
          Duration.ofSeconds(60)));
    }
    return providers;
  }

  private static Map<String, List<String>> routes(Object... nameThenTargets) {
    Map<String, List<String>> routes = new LinkedHashMap<>();
    for (int i = 0; i < nameThenTargets.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> targets = (List<String>) nameThenTargets[i + 1];
      routes.put((String) nameThenTargets[i], targets);
    }
    return routes;
  }
}
