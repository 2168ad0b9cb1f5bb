package dev.sluice.runtime;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every stage shares ({@code sluice.*}, or {@code SLUICE_*} in the environment).
 *
 * @param topicPrefix prefix of every topic name
 * @param registryUrl the Apicurio Registry v2 API the serdes use
 * @param topicPartitions partitions of the topics a stage creates when they are missing
 * @param topicReplicationFactor replication factor of those topics
 */
@Validated
@ConfigurationProperties(prefix = "sluice")
public record SluiceProperties(
    @DefaultValue("sluice.") @NotBlank String topicPrefix,
    @DefaultValue("http://localhost:8081/apis/registry/v2") @NotBlank String registryUrl,
    @DefaultValue("3") @Min(1) int topicPartitions,
    @DefaultValue("1") @Min(1) short topicReplicationFactor) {
}
