package dev.sluice.stack;

import dev.sluice.stack.process.FreePorts;
import java.util.Optional;

/**
 * Ports and knobs of a local stack.
 *
 * @param externalBootstrap a Kafka cluster to use instead of starting the standalone broker
 * @param judgeSampleRate share of OK responses the judge scores (0..1)
 * @param simulatorLatencyMs fixed latency of the LLM simulator
 */
public record StackSettings(Optional<String> externalBootstrap, int kafkaPort, int kafkaControllerPort,
    int registryPort, int redisPort, int simulatorPort, int ingressPort, int guardPort, int workerPort,
    int judgePort, int costPort, int topicPartitions, double judgeSampleRate, long simulatorLatencyMs) {

  /** The documented local defaults (README). */
  public static StackSettings defaults() {
    return new StackSettings(Optional.empty(), 9092, 9093, 8081, 6379, 8090, 8080, 8181, 8182, 8183, 8184, 3, 0.2,
        20);
  }

  /** Every port free, for a stack started by a test beside whatever else runs on the machine. */
  public static StackSettings onFreePorts(Optional<String> externalBootstrap) {
    return new StackSettings(externalBootstrap, FreePorts.find(), FreePorts.find(), FreePorts.find(),
        FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(),
        FreePorts.find(), 3, 0.2, 20);
  }

  public StackSettings withJudgeSampleRate(double rate) {
    return new StackSettings(externalBootstrap, kafkaPort, kafkaControllerPort, registryPort, redisPort,
        simulatorPort, ingressPort, guardPort, workerPort, judgePort, costPort, topicPartitions, rate,
        simulatorLatencyMs);
  }

  public StackSettings withSimulatorLatencyMs(long latencyMs) {
    return new StackSettings(externalBootstrap, kafkaPort, kafkaControllerPort, registryPort, redisPort,
        simulatorPort, ingressPort, guardPort, workerPort, judgePort, costPort, topicPartitions, judgeSampleRate,
        latencyMs);
  }

  public String ingressUrl() {
    return "http://127.0.0.1:" + ingressPort;
  }

  public String simulatorUrl() {
    return "http://127.0.0.1:" + simulatorPort;
  }
}
