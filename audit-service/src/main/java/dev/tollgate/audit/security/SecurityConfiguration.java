package dev.tollgate.audit.security;

import dev.tollgate.security.Roles;
import dev.tollgate.security.TollgateSecurity;
import dev.tollgate.security.TollgateSecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what on audit-service: the trail is read by role {@code auditor} (and {@code admin});
 * a version's handoff record also by {@code operator}, who takes the version over; nothing is
 * written through the API. How callers authenticate, and what is public, is
 * {@link TollgateSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
@Import(TollgateSecurityConfiguration.class)
public class SecurityConfiguration {

  static final String[] READERS = {Roles.AUDITOR, Roles.ADMIN};
  static final String[] HANDOFF_READERS = {Roles.AUDITOR, Roles.OPERATOR, Roles.ADMIN};

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, TollgateSecurity security) throws Exception {
    return security.filterChain(http, auth -> auth
        .requestMatchers(HttpMethod.GET, "/api/v1/models/*/versions/*/handoff").hasAnyRole(HANDOFF_READERS)
        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAnyRole(READERS));
  }
}
