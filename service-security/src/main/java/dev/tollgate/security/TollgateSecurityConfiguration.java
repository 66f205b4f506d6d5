package dev.tollgate.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared security beans. A service imports this from its own security configuration and
 * builds its filter chain with {@link TollgateSecurity#filterChain}. In JWT mode the decoder is
 * the one Spring Boot's resource-server auto-configuration makes from
 * {@code spring.security.oauth2.resourceserver.jwt.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TollgateSecurityProperties.class)
public class TollgateSecurityConfiguration {

  @Bean
  ProblemResponses securityProblemResponses(JsonMapper json) {
    return new ProblemResponses(json);
  }

  @Bean
  TollgateSecurity tollgateSecurity(TollgateSecurityProperties properties, ProblemResponses securityProblemResponses,
      ObjectProvider<JwtDecoder> jwtDecoder) {
    return new TollgateSecurity(properties, securityProblemResponses, jwtDecoder.getIfAvailable());
  }
}
