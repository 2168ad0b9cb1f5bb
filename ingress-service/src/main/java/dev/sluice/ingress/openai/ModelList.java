package dev.sluice.ingress.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** OpenAI's model list, the answer of {@code GET /v1/models}. */
public record ModelList(String object, List<Model> data) {

  public static ModelList of(List<Model> models) {
    return new ModelList("list", List.copyOf(models));
  }

  /** One model as OpenAI describes it. */
  public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

    public static Model ownedBySluice(String id, long created) {
      return new Model(id, "model", created, "sluice");
    }
  }
}
