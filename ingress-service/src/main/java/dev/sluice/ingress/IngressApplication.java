package dev.sluice.ingress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ingress service: Sluice's OpenAI-compatible HTTP front door onto {@code sluice.requests}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngressApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngressApplication.class, args);
  }
}
