package dev.sluice.guard.streams;

import dev.sluice.guard.injection.InjectionDetector;
import dev.sluice.guard.inspection.CompletionInspector;
import dev.sluice.guard.inspection.RequestInspector;
import dev.sluice.guard.normalize.TextNormalizer;
import dev.sluice.guard.pii.PiiMasker;
import dev.sluice.guard.policy.GuardPolicies;
import dev.sluice.guard.semantic.SemanticTier;
import dev.sluice.guard.topology.GuardMetrics;
import dev.sluice.guard.topology.GuardTopology;
import dev.sluice.guard.topology.GuardTopologyOptions;
import dev.sluice.guard.vault.RedisPlaceholderVault;
import dev.sluice.guard.vault.ReversibleMasking;
import dev.sluice.guard.vault.VaultMetrics;
import dev.sluice.runtime.SluiceProperties;
import dev.sluice.runtime.streams.StreamsStage;
import dev.sluice.runtime.streams.StreamsStageHealthIndicator;
import dev.sluice.schemas.topics.SluiceTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the detection engine, the guard topology and the Streams client that runs it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GuardProperties.class)
public class GuardConfiguration {

  /** Resolved at start-up, so an invalid policy stops the service with a message naming the setting. */
  @Bean
  public GuardPolicies guardPolicies(GuardProperties properties) {
    return properties.policies();
  }

  @Bean
  public PiiMasker piiMasker(GuardProperties properties) {
    return new PiiMasker(properties.pii().regions());
  }

  /**
   * Checks the semantic settings and loads the model now, unless the mode is OFF; closed after the Streams client,
   * which depends on it through the inspector, has stopped.
   */
  @Bean(destroyMethod = "close")
  public SemanticTier semanticTier(GuardProperties properties) {
    return SemanticTier.start(properties.semantic().settings());
  }

  @Bean
  public RequestInspector requestInspector(PiiMasker piiMasker, GuardPolicies guardPolicies,
      SemanticTier semanticTier) {
    return new RequestInspector(new TextNormalizer(), List.of(InjectionDetector.withDefaults()),
        semanticTier.detector().orElse(null), piiMasker, guardPolicies);
  }

  @Bean
  public CompletionInspector completionInspector(PiiMasker piiMasker, GuardPolicies guardPolicies) {
    return new CompletionInspector(piiMasker, guardPolicies);
  }

  @Bean
  public MicrometerGuardMetrics guardMetrics(MeterRegistry meterRegistry) {
    return new MicrometerGuardMetrics(meterRegistry);
  }

  /**
   * The vault of tenants in PII mode REVERSIBLE, on Redis; off (no Redis client at all) while no tenant is. Its
   * settings were checked with the policies. Closed after the Streams client, which depends on it.
   */
  @Bean
  public ReversibleMasking reversibleMasking(GuardProperties properties, GuardPolicies guardPolicies,
      VaultMetrics vaultMetrics) {
    if (!properties.restoresPiiForAnyTenant()) {
      return ReversibleMasking.off();
    }
    VaultProperties vault = properties.vault();
    Clock clock = Clock.systemUTC();
    return new ReversibleMasking(guardPolicies, RedisPlaceholderVault.create(vault.redis(), vault.vaultKey(), clock),
        vault.lifetime(), vaultMetrics, clock);
  }

  @Bean
  public Topology guardTopology(SluiceTopics topics, RequestInspector requestInspector,
      CompletionInspector completionInspector, GuardMetrics guardMetrics, ReversibleMasking reversibleMasking,
      GuardProperties properties) {
    return GuardTopology.build(topics, requestInspector, completionInspector,
        new GuardTopologyOptions(Clock.systemUTC(), properties.dedupeRetention(), guardMetrics, reversibleMasking));
  }

  @Bean
  public StreamsStage guardStreams(Topology guardTopology, GuardProperties properties,
      SluiceProperties sluiceProperties, SluiceTopics topics, KafkaProperties kafkaProperties, KafkaAdmin admin,
      MeterRegistry meterRegistry) {
    String bootstrapServers = String.join(",", kafkaProperties.getBootstrapServers());
    return new StreamsStage("guard-processor", guardTopology,
        GuardStreamsSettings.properties(properties, bootstrapServers, topics.dlq().name(),
            sluiceProperties.topicReplicationFactor()),
        // spring.kafka.admin.fail-fast stops start-up when the topics cannot be created, so no second check here
        List.of(), admin, meterRegistry, properties.closeTimeout(), kafkaProperties.getStreams().isAutoStartup());
  }

  @Bean
  public StreamsStageHealthIndicator guardStreamsHealthIndicator(StreamsStage guardStreams) {
    return new StreamsStageHealthIndicator(guardStreams);
  }
}
