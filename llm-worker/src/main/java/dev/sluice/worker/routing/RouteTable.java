package dev.sluice.worker.routing;

import dev.sluice.events.ChatRequest;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.pricing.CallPricer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The names a request may ask for and where each goes, built and checked once at start-up.
 *
 * <p>A request's {@code model} is looked up in this order: {@code auto} (the {@link AutoRouter} picks a route); a
 * configured route ({@code sluice.worker.routes.<name>}); a model name one provider serves, which becomes a route of
 * one target. A model several providers serve needs a route of its own name that orders them.
 *
 * <p>Start-up stops with every problem listed when a route names an unknown or disabled provider, a model its
 * provider does not serve, or when the price table lacks a price for a model a provider serves: a call must never be
 * billed as free.
 */
public final class RouteTable {

  private final Map<String, Route> routes;
  private final AutoRouter auto;

  private RouteTable(Map<String, Route> routes, AutoRouter auto) {
    this.routes = Collections.unmodifiableMap(routes);
    this.auto = auto;
  }

  /** @throws IllegalStateException naming every bad setting */
  public static RouteTable from(WorkerProperties properties, CallPricer pricer) {
    List<String> problems = new ArrayList<>();
    Map<String, WorkerProperties.Provider> providers = properties.enabledProviders();
    Map<String, List<String>> servedBy = new LinkedHashMap<>();
    providers.forEach((provider, settings) -> {
      for (String model : settings.models()) {
        if (!pricer.prices(provider, model)) {
          problems.add("sluice.worker.providers." + provider + ".models lists '" + model + "', which the price "
              + "table does not price (" + provider + "." + model + ".input/.output): a call must never be billed "
              + "as free");
        }
        servedBy.computeIfAbsent(model, m -> new ArrayList<>()).add(provider);
      }
    });

    Map<String, Route> routes = new LinkedHashMap<>();
    properties.routes().forEach((name, targets) -> {
      String setting = "sluice.worker.routes." + name;
      if (name.equals(AutoRouter.AUTO)) {
        problems.add(setting + ": 'auto' is the name of the automatic choice between "
            + "sluice.worker.auto.cheap-route and .strong-route; it cannot be a route");
        return;
      }
      List<Target> parsed = new ArrayList<>();
      for (String text : targets == null ? List.<String>of() : targets) {
        parseTarget(setting, text, properties, problems).ifPresent(parsed::add);
      }
      if (targets == null || targets.isEmpty()) {
        problems.add(setting + " lists no target");
      } else if (parsed.size() == targets.size()) {
        routes.put(name, new Route(name, parsed));
      }
    });
    servedBy.forEach((model, providerNames) -> {
      if (properties.routes().containsKey(model)) {
        return;
      }
      if (providerNames.size() > 1) {
        problems.add("model '" + model + "' is served by " + String.join(" and ", providerNames)
            + ": say which goes first with sluice.worker.routes." + model + " (e.g. ["
            + String.join(", ", providerNames.stream().map(p -> p + ":" + model).toList()) + "])");
        return;
      }
      routes.put(model, new Route(model, List.of(new Target(providerNames.get(0), model))));
    });

    WorkerProperties.Auto autoSettings = properties.auto();
    requireRoute(routes, properties, autoSettings.cheapRoute(), "sluice.worker.auto.cheap-route", problems);
    requireRoute(routes, properties, autoSettings.strongRoute(), "sluice.worker.auto.strong-route", problems);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The llm-worker's providers and routes are not usable:\n  - "
          + String.join("\n  - ", problems));
    }
    return new RouteTable(routes, new AutoRouter(autoSettings));
  }

  /** Where the request goes, or empty when nothing serves the model it asks for. */
  public Optional<RouteDecision> resolve(ChatRequest request) {
    String asked = request.getModel();
    if (asked.equals(AutoRouter.AUTO)) {
      AutoRouter.Choice choice = auto.decide(request);
      return Optional.of(new RouteDecision(routes.get(choice.route()), choice.reason(), Optional.of(choice.rule())));
    }
    Route route = routes.get(asked);
    if (route == null) {
      return Optional.empty();
    }
    return Optional.of(new RouteDecision(route, asked + " -> " + route.targets().get(0), Optional.empty()));
  }

  /** Every name a request may ask for besides {@code auto}. */
  public Set<String> names() {
    return routes.keySet();
  }

  private static Optional<Target> parseTarget(String setting, String text, WorkerProperties properties,
      List<String> problems) {
    Target target;
    try {
      target = Target.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      problems.add(setting + ": '" + text + "' is not provider:model");
      return Optional.empty();
    }
    WorkerProperties.Provider provider = properties.providers().get(target.provider());
    if (provider == null) {
      problems.add(setting + ": '" + target + "' names provider '" + target.provider()
          + "', which sluice.worker.providers does not define (defined: " + properties.providers().keySet() + ")");
      return Optional.empty();
    }
    if (!provider.enabled()) {
      problems.add(setting + ": '" + target + "' names provider '" + target.provider() + "', which is disabled");
      return Optional.empty();
    }
    if (!provider.models().contains(target.model())) {
      problems.add(setting + ": '" + target + "' names model '" + target.model() + "', which "
          + "sluice.worker.providers." + target.provider() + ".models does not list (it lists " + provider.models()
          + ")");
      return Optional.empty();
    }
    return Optional.of(target);
  }

  private static void requireRoute(Map<String, Route> routes, WorkerProperties properties, String name,
      String setting, List<String> problems) {
    // A route that is configured but broken is already reported; saying it is missing too would mislead.
    if (!routes.containsKey(name) && !properties.routes().containsKey(name)) {
      problems.add(setting + " is '" + name + "', which is neither a route in sluice.worker.routes nor a model a "
          + "single provider serves");
    }
  }
}
