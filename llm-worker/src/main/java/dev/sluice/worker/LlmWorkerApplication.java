package dev.sluice.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The llm-worker service: guarded requests in, completions and usage out. */
@SpringBootApplication
@EnableConfigurationProperties(WorkerProperties.class)
public class LlmWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(LlmWorkerApplication.class, args);
  }
}
