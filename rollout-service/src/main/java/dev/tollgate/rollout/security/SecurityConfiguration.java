package dev.tollgate.rollout.security;

import dev.tollgate.rollout.state.routing.RemoteStateQueries;
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
 * Who may call what on rollout-service. Reading the materialized state is public, as dashboards
 * and the README's examples do it without a token (it holds no secret: versions, weights, who
 * approved). Every command on a deployment ({@code POST /api/v1/deployments/{id}/...}: abort, and
 * whatever commands come next) needs role operator or admin; Alertmanager's webhook has a
 * credential of its own (role alertmanager, or admin). State reads that other instances forward
 * ({@code /internal/v1/state/...}) are as public as the reads they answer. How callers authenticate is
 * {@link TollgateSecurity}'s.
 */
@Configuration(proxyBeanMethods = false)
@Import(TollgateSecurityConfiguration.class)
public class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, TollgateSecurity security) throws Exception {
    return security.filterChain(http, auth -> auth
        .requestMatchers(HttpMethod.GET, "/api/v1/**").permitAll()
        // another instance forwarding a state read: the same public data, from the owner's stores
        .requestMatchers(HttpMethod.GET, RemoteStateQueries.PATH + "/**").permitAll()
        .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/**").hasAnyRole(Roles.OPERATOR, Roles.ADMIN)
        .requestMatchers(HttpMethod.POST, "/api/v1/alerts").hasAnyRole(Roles.ALERTMANAGER, Roles.ADMIN));
  }
}
