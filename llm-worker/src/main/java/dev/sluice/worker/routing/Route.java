package dev.sluice.worker.routing;

import java.util.List;

/**
 * A name a request may ask for and the targets that serve it, tried in order: the first that answers wins, the next
 * takes over when one is unavailable or keeps failing.
 *
 * @param name a configured alias, or a model name a provider serves
 */
public record Route(String name, List<Target> targets) {

  public Route {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("route '" + name + "' has no target");
    }
  }
}
