package dev.sluice.worker.routing;

import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.pricing.CallPricer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The route table, checked against the providers and the price table before the worker takes any request. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

  @Bean
  RouteTable routeTable(WorkerProperties properties, CallPricer callPricer) {
    return RouteTable.from(properties, callPricer);
  }
}
