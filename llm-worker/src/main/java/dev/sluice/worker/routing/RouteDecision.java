package dev.sluice.worker.routing;

import java.util.Optional;

/**
 * Where a request goes and why.
 *
 * @param reason how the route was chosen, for {@code Completion.route}, e.g. {@code strong -> openai:gpt-4o} or
 *     {@code auto -> cheap: 212 tokens, no complexity signals}
 * @param autoRule the part of the auto rule that decided, for a request that asked for {@code auto}
 */
public record RouteDecision(Route route, String reason, Optional<AutoRouter.Rule> autoRule) {
}
