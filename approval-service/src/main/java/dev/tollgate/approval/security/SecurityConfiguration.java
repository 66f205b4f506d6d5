package dev.tollgate.approval.security;

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
 * Who may call what on approval-service. Roles: ci submits and withdraws its requests, approver
 * decides deployments and gates, admin breaks the glass during a freeze and withdraws any request,
 * approver/operator/admin comment, every authenticated role reads. How callers authenticate, and
 * what is public, is {@link TollgateSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
@Import(TollgateSecurityConfiguration.class)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, TollgateSecurity security) throws Exception {
    return security.filterChain(http, auth -> auth
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments").hasRole(Roles.CI)
        // admin may approve only with break-glass; the policy refuses an admin's plain approval (422)
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/approve").hasAnyRole(Roles.APPROVER, Roles.ADMIN)
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/reject").hasRole(Roles.APPROVER)
        // the requester (ci) or an admin; the deployment decides whether this ci identity requested it
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/withdraw").hasAnyRole(Roles.CI, Roles.ADMIN)
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/comments")
        .hasAnyRole(Roles.APPROVER, Roles.OPERATOR, Roles.ADMIN)
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/gates/*/approve",
            "/api/v1/deployments/*/gates/*/reject").hasRole(Roles.APPROVER)
        .requestMatchers(HttpMethod.GET, "/api/v1/**").authenticated()
        // the test clock, when enabled (tollgate.dev.clock-control.enabled); otherwise 404 for an admin
        .requestMatchers("/dev/clock", "/dev/clock/**").hasRole(Roles.ADMIN));
  }
}
