package dev.sluice.cost;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The cost-aggregator service: sums usage into per-minute cost windows per tenant and model. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CostAggregatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CostAggregatorApplication.class, args);
  }
}
