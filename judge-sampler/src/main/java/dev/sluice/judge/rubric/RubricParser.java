package dev.sluice.judge.rubric;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a judge reply strictly: one JSON object and nothing around it (whitespace aside), all five scores as JSON
 * integers from 1 to 5, and a non-blank {@code reasoning} string. Other fields are ignored.
 *
 * <p>No JSON is dug out of surrounding prose: with {@code response_format: json_object} a well-behaved judge sends
 * bare JSON, and an extractor could pick up a score-shaped object quoted from the very answer being judged.
 */
public final class RubricParser {

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private RubricParser() {
  }

  public static Rubric parse(String reply) throws InvalidRubricException {
    if (reply == null || reply.isBlank()) {
      throw new InvalidRubricException("empty reply");
    }
    JsonNode root;
    try {
      root = JSON.readTree(reply);
    } catch (JacksonException e) {
      throw new InvalidRubricException("not a single JSON object: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidRubricException("not a JSON object");
    }
    Map<String, Integer> scores = new HashMap<>();
    for (String field : Rubric.SCORE_FIELDS) {
      scores.put(field, score(root, field));
    }
    JsonNode reasoning = root.get("reasoning");
    if (reasoning == null || !reasoning.isString() || reasoning.stringValue().isBlank()) {
      throw new InvalidRubricException("'reasoning' must be a non-empty string");
    }
    return new Rubric(scores.get("correctness"), scores.get("relevance"), scores.get("helpfulness"),
        scores.get("safety"), scores.get("overall"), reasoning.stringValue().strip());
  }

  private static int score(JsonNode root, String field) throws InvalidRubricException {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRubricException("missing score '" + field + "'");
    }
    if (!value.isIntegralNumber()) {
      throw new InvalidRubricException("score '" + field + "' must be a JSON integer");
    }
    if (!value.canConvertToInt() || value.intValue() < Rubric.MIN_SCORE || value.intValue() > Rubric.MAX_SCORE) {
      throw new InvalidRubricException("score '" + field + "' must be between " + Rubric.MIN_SCORE + " and "
          + Rubric.MAX_SCORE);
    }
    return value.intValue();
  }
}
