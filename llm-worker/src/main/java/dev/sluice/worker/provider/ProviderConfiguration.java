package dev.sluice.worker.provider;

import dev.sluice.worker.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model provider every request goes to. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

  @Bean(destroyMethod = "close")
  OpenAiChatProvider chatProvider(WorkerProperties properties) {
    WorkerProperties.Provider provider = properties.provider();
    return OpenAiChatProvider.connect(provider.name(), provider.baseUrl(), provider.apiKey(),
        properties.maxInFlight(), provider.connectTimeout());
  }
}
