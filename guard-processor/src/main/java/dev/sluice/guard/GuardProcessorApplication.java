package dev.sluice.guard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The guard-processor service: input and output guard as one Kafka Streams application. */
@SpringBootApplication
public class GuardProcessorApplication {

  public static void main(String[] args) {
    SpringApplication.run(GuardProcessorApplication.class, args);
  }
}
