package dev.sluice.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** Reads values from a service's {@code /actuator/prometheus} text exposition. */
final class PrometheusScrape {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI endpoint;

  PrometheusScrape(String serviceUrl) {
    this.endpoint = URI.create(serviceUrl + "/actuator/prometheus");
  }

  /** The current exposition, or empty when the service does not answer. */
  String scrape() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The sum of every sample of {@code metric} whose labels contain {@code labelFragment} (empty: all samples), or
   * empty when there is none.
   */
  static OptionalDouble sum(String exposition, String metric, String labelFragment) {
    double total = 0;
    boolean found = false;
    for (String line : exposition.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      String rest = line.substring(metric.length());
      if (!(rest.startsWith("{") || rest.startsWith(" "))) {
        continue; // another metric whose name starts with this one
      }
      if (!labelFragment.isEmpty() && !rest.contains(labelFragment)) {
        continue;
      }
      int valueStart = rest.lastIndexOf(' ');
      total += Double.parseDouble(rest.substring(valueStart + 1));
      found = true;
    }
    return found ? OptionalDouble.of(total) : OptionalDouble.empty();
  }
}
