package dev.sluice.ingress.api;

import dev.sluice.ingress.IngressProperties;
import dev.sluice.ingress.openai.ApiError;
import dev.sluice.ingress.openai.ModelList;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}}: the configured models, in OpenAI's shape. */
@RestController
public class ModelsController {

  private final ModelList models;

  public ModelsController(IngressProperties properties, Clock clock) {
    // OpenAI reports when a model was created; for a configured model the nearest truth is when it was configured.
    long created = clock.instant().getEpochSecond();
    this.models = ModelList.of(properties.models().stream()
        .map(id -> ModelList.Model.ownedBySluice(id, created))
        .toList());
  }

  @GetMapping("/v1/models")
  public ModelList list() {
    return models;
  }

  @GetMapping("/v1/models/{model}")
  public ModelList.Model retrieve(@PathVariable String model) {
    return models.data().stream()
        .filter(candidate -> candidate.id().equals(model))
        .findFirst()
        .orElseThrow(() -> new ApiError(HttpStatus.NOT_FOUND, ApiError.INVALID_REQUEST, "model_not_found", "model",
            "The model '" + model + "' does not exist", Map.of()).toException());
  }
}
