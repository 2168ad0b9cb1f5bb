package dev.sluice.testkit;

import dev.sluice.stack.infra.KafkaBrokerProcess;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft Kafka broker inside the test JVM (Kafka's own test cluster kit, through spring-kafka-test),
 * configured like the local stack's broker: topic auto-creation off, internal topics with replication factor 1.
 */
public final class InJvmKafka implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;

  private InJvmKafka(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  /** Starts a broker whose new topics default to {@code partitions} partitions. */
  public static InJvmKafka start(int partitions) {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
    KafkaBrokerProcess.SINGLE_NODE_SETTINGS.forEach(broker::brokerProperty);
    broker.afterPropertiesSet();
    return new InJvmKafka(broker);
  }

  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public void close() {
    broker.destroy();
  }
}
