package dev.sluice.ingress;

import dev.sluice.ingress.api.RequestIdInterceptor;
import dev.sluice.ingress.auth.ApiKeyDirectory;
import dev.sluice.ingress.auth.ApiKeyInterceptor;
import dev.sluice.ingress.metrics.IngressMetrics;
import dev.sluice.ingress.metrics.RequestMetricsInterceptor;
import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC set-up of the API: the interceptors every call passes, in order, and the async timeout. */
@Configuration(proxyBeanMethods = false)
public class IngressWebConfiguration implements WebMvcConfigurer {

  /** MVC's own async timeout is only a backstop: the pending map's deadline answers 504 first. */
  private static final Duration ASYNC_TIMEOUT_MARGIN = Duration.ofSeconds(5);

  private final ApiKeyDirectory apiKeys;
  private final IngressMetrics metrics;
  private final IngressProperties properties;

  public IngressWebConfiguration(ApiKeyDirectory apiKeys, IngressMetrics metrics, IngressProperties properties) {
    this.apiKeys = apiKeys;
    this.metrics = metrics;
    this.properties = properties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    // Order matters: an id and a clock first, so that even a call authentication rejects is identified and counted.
    registry.addInterceptor(new RequestIdInterceptor()).addPathPatterns("/v1/**");
    registry.addInterceptor(new RequestMetricsInterceptor(metrics)).addPathPatterns("/v1/chat/completions");
    registry.addInterceptor(new ApiKeyInterceptor(apiKeys)).addPathPatterns("/v1/**");
  }

  @Override
  public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
    configurer.setDefaultTimeout(properties.requestTimeout().plus(ASYNC_TIMEOUT_MARGIN).toMillis());
  }
}
