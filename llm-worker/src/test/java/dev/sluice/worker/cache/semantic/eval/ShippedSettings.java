package dev.sluice.worker.cache.semantic.eval;

import dev.sluice.worker.cache.semantic.SemanticCacheProperties;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The semantic cache's settings as the worker binds them with nothing configured: the defaults it ships with. */
public final class ShippedSettings {

  private ShippedSettings() {
  }

  public static SemanticCacheProperties defaults() {
    return new Binder(new MapConfigurationPropertySource(Map.of()))
        .bindOrCreate("sluice.worker.cache.semantic", SemanticCacheProperties.class);
  }
}
