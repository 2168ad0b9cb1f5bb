package dev.sluice.cost.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schemas.topics.PlainAvroSerdes;
import dev.sluice.schemas.topics.SluiceTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class CostWindowTopologyDescriptionTest {

  private final TopologyDescription description = CostWindowTopology.build(
      new SluiceTopics("sluice.", new PlainAvroSerdes()),
      new CostWindowSettings(Duration.ofSeconds(10), Duration.ofMinutes(10))).describe();

  @Test
  void isOneSubtopologyWithoutRepartitionTopics() {
    assertThat(description.subtopologies()).hasSize(1);
    Set<String> topicsRead = new HashSet<>();
    Set<String> topicsWritten = new HashSet<>();
    for (TopologyDescription.Node node : nodes().values()) {
      if (node instanceof TopologyDescription.Source source) {
        topicsRead.addAll(source.topicSet());
      }
      if (node instanceof TopologyDescription.Sink sink) {
        topicsWritten.add(sink.topic());
      }
    }
    assertThat(topicsRead).containsExactly("sluice.usage");
    assertThat(topicsWritten).containsExactly("sluice.costs.1m");
  }

  @Test
  void namesEveryProcessorAndStore() {
    Map<String, TopologyDescription.Node> nodes = nodes();

    assertThat(nodes.keySet()).containsExactlyInAnyOrder(
        CostWindowTopology.SOURCE, CostWindowTopology.DEDUPE, CostWindowTopology.AGGREGATE,
        CostWindowTopology.UPDATES, CostWindowTopology.KEYED, CostWindowTopology.SINK);
    assertThat(((TopologyDescription.Processor) nodes.get(CostWindowTopology.DEDUPE)).stores())
        .containsExactly("cost-dedupe-call-ids");
    assertThat(((TopologyDescription.Processor) nodes.get(CostWindowTopology.AGGREGATE)).stores())
        .containsExactly("cost-window-store");
  }

  @Test
  void chainsSourceDedupeAggregateAndSinkInOrder() {
    Map<String, TopologyDescription.Node> nodes = nodes();

    assertThat(successorNames(nodes.get("usage-source"))).containsExactly("usage-dedupe-by-call-id");
    assertThat(successorNames(nodes.get("usage-dedupe-by-call-id"))).containsExactly("cost-window-aggregate");
    assertThat(successorNames(nodes.get("cost-window-aggregate"))).containsExactly("cost-window-updates");
    assertThat(successorNames(nodes.get("cost-window-updates"))).containsExactly("cost-window-keyed");
    assertThat(successorNames(nodes.get("cost-window-keyed"))).containsExactly("cost-window-sink");
  }

  private Map<String, TopologyDescription.Node> nodes() {
    Map<String, TopologyDescription.Node> nodes = new HashMap<>();
    description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> nodes.put(node.name(), node)));
    return nodes;
  }

  private static Set<String> successorNames(TopologyDescription.Node node) {
    Set<String> names = new HashSet<>();
    node.successors().forEach(next -> names.add(next.name()));
    return names;
  }
}
