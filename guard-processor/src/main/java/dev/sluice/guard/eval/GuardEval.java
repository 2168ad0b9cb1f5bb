package dev.sluice.guard.eval;

import dev.sluice.guard.detect.Span;
import dev.sluice.guard.injection.InjectionDetector;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.policy.GuardPolicy;
import dev.sluice.guard.policy.RequestLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Command-line evaluation of the guard's detection engine on a labelled JSON Lines file (the format of
 * {@code data/guard/*.jsonl}): injection files have a {@code label}, PII files have {@code spans}. Plain Java, no
 * Spring context and no Kafka; prints a report to standard output.
 */
public final class GuardEval {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private GuardEval() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: GuardEval FILE.jsonl");
      System.exit(2);
    }
    run(Path.of(args[0]), System.out);
  }

  /** Evaluates the engine with its default rules and policy on {@code file}. */
  public static void run(Path file, PrintStream out) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        rows.add(JSON.readTree(line));
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no records in " + file);
    }
    String name = file.getFileName().toString();
    if (rows.get(0).has("label")) {
      List<InjectionEvaluation.Sample> samples = rows.stream().map(GuardEval::injectionSample).toList();
      new InjectionEvaluation(defaultInspector()).run(name, samples, out);
      out.println();
      new PiiEvaluation(new PiiMasker()).runUnlabelled(name + " (benign rows)",
          samples.stream().filter(sample -> !sample.attack()).map(InjectionEvaluation.Sample::text).toList(), out);
    } else if (rows.get(0).has("spans")) {
      new PiiEvaluation(new PiiMasker()).run(name, rows.stream().map(GuardEval::piiSample).toList(), out);
    } else {
      throw new IllegalArgumentException(file + ": first record has neither 'label' nor 'spans'");
    }
  }

  /** The production wiring with the default policy, but no size limits: every text is inspected. */
  private static RequestInspector defaultInspector() {
    GuardPolicy policy = GuardPolicy.defaults(new RequestLimits(1, Integer.MAX_VALUE));
    return new RequestInspector(new TextNormalizer(), List.of(InjectionDetector.withDefaultRules()),
        new PiiMasker(), GuardPolicies.uniform(policy));
  }

  private static InjectionEvaluation.Sample injectionSample(JsonNode row) {
    String label = required(row, "label").asString();
    if (!label.equals("attack") && !label.equals("benign")) {
      throw new IllegalArgumentException("label must be attack or benign: " + label + " in " + row.get("id"));
    }
    return new InjectionEvaluation.Sample(required(row, "id").asString(), required(row, "text").asString(),
        label.equals("attack"), required(row, "category").asString());
  }

  private static PiiEvaluation.Sample piiSample(JsonNode row) {
    List<PiiEvaluation.GoldSpan> spans = new ArrayList<>();
    for (JsonNode span : required(row, "spans")) {
      spans.add(new PiiEvaluation.GoldSpan(required(span, "type").asString(),
          new Span(required(span, "start").asInt(), required(span, "end").asInt())));
    }
    return new PiiEvaluation.Sample(required(row, "id").asString(), required(row, "text").asString(), spans);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing '" + field + "' in " + node);
    }
    return value;
  }
}
