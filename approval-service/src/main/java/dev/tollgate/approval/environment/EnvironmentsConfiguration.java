package dev.tollgate.approval.environment;

import dev.tollgate.approval.deployment.domain.Environments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PoliciesProperties.class)
public class EnvironmentsConfiguration {

  @Bean
  Environments environments(PoliciesProperties properties) {
    return ConfiguredEnvironments.from(properties);
  }
}
