package dev.sluice.worker.routing;

import dev.sluice.events.ChatRequest;
import dev.sluice.worker.WorkerProperties;
import java.util.Set;

/**
 * Picks the route for {@code model: "auto"}. The rule, first match wins:
 * <ol>
 *   <li>the tenant's tier (request metadata, key {@code tier} by default) is one of the strong tiers: strong;</li>
 *   <li>the prompt is longer than {@code maxCheapPromptTokens} estimated tokens: strong (a long context is where
 *       small models lose the thread, and where a wrong cheap answer wastes the most input tokens);</li>
 *   <li>the user's messages show a complexity signal — code, math, a multi-step ask ({@link PromptComplexity}):
 *       strong;</li>
 *   <li>otherwise: cheap.</li>
 * </ol>
 */
public final class AutoRouter {

  /** The model name that asks for this rule. */
  public static final String AUTO = "auto";

  private final WorkerProperties.Auto settings;
  private final Set<String> strongTiers;

  public AutoRouter(WorkerProperties.Auto settings) {
    this.settings = settings;
    this.strongTiers = Set.copyOf(settings.strongTiers());
  }

  public Choice decide(ChatRequest request) {
    String tier = request.getMetadata().get(settings.tierKey());
    if (tier != null && strongTiers.contains(tier)) {
      return strong(Rule.TIER, "tenant tier '" + tier + "'");
    }
    PromptComplexity prompt = PromptComplexity.of(request.getMessages());
    int tokens = prompt.estimatedTokens();
    if (tokens > settings.maxCheapPromptTokens()) {
      return strong(Rule.LENGTH, tokens + " tokens, over " + settings.maxCheapPromptTokens());
    }
    if (!prompt.signals().isEmpty()) {
      return strong(Rule.SIGNALS, tokens + " tokens, complexity signals: " + String.join(", ", prompt.signals()));
    }
    return new Choice(settings.cheapRoute(), Rule.SIMPLE,
        AUTO + " -> " + settings.cheapRoute() + ": " + tokens + " tokens, no complexity signals");
  }

  private Choice strong(Rule rule, String why) {
    return new Choice(settings.strongRoute(), rule, AUTO + " -> " + settings.strongRoute() + ": " + why);
  }

  /**
   * The route chosen.
   *
   * @param reason the decision in words, e.g. {@code auto -> cheap: 212 tokens, no complexity signals}
   */
  public record Choice(String route, Rule rule, String reason) {
  }

  /** Which part of the rule decided, as a metric tag. */
  public enum Rule {
    TIER("tier"),
    LENGTH("length"),
    SIGNALS("signals"),
    SIMPLE("simple");

    private final String tag;

    Rule(String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }
}
