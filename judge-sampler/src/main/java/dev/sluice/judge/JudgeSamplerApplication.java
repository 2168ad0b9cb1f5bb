package dev.sluice.judge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The judge-sampler service: scores a deterministic sample of answers with an LLM judge. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JudgeSamplerApplication {

  public static void main(String[] args) {
    SpringApplication.run(JudgeSamplerApplication.class, args);
  }
}
