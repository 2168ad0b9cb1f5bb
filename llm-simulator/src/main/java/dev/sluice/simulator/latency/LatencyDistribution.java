package dev.sluice.simulator.latency;

import java.util.Arrays;
import java.util.List;

/** The shape of the simulated latency around its median; each has the name it goes by in {@code /sim/config}. */
public enum LatencyDistribution {
    /** Always the median. */
    FIXED("fixed"),
    /** Normal with the median as mean and a standard deviation, clamped at 0. */
    NORMAL("normal"),
    /** Log-normal with a median and a 99th percentile: most calls near the median, a few far slower. */
    LONG_TAIL("longTail");

    private final String configName;

    LatencyDistribution(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /**
     * The distribution called {@code name} in configuration.
     *
     * @throws IllegalArgumentException naming the known distributions when there is none of that name
     */
    public static LatencyDistribution fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(distribution -> distribution.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "latencyDistribution must be one of " + configNames() + " but is '" + name + "'"));
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(LatencyDistribution::configName).toList();
    }
}
