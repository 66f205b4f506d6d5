package dev.tollgate.approval.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless bearer-token security. Roles: ci submits and withdraws its requests, approver decides
 * deployments and gates, admin breaks the glass during a freeze and withdraws any request,
 * approver/operator/admin comment, every authenticated role reads. Health, info, metrics and the API docs are public.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class SecurityConfiguration {

  @Bean
  StaticTokenAuthenticationProvider staticTokenAuthenticationProvider(TokenProperties properties) {
    return new StaticTokenAuthenticationProvider(properties);
  }

  @Bean
  ProblemResponses problemResponses(JsonMapper json) {
    return new ProblemResponses(json);
  }

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, StaticTokenAuthenticationProvider tokens,
      ProblemResponses problems) throws Exception {
    AuthenticationManager authentication = new ProviderManager(tokens);
    http
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterBefore(new BearerTokenFilter(authentication, problems), AnonymousAuthenticationFilter.class)
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
            .permitAll()
            .requestMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**").permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments").hasRole("ci")
            // admin may approve only with break-glass; the policy refuses an admin's plain approval (422)
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/approve").hasAnyRole("approver", "admin")
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/reject").hasRole("approver")
            // the requester (ci) or an admin; the deployment decides whether this ci identity requested it
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/withdraw").hasAnyRole("ci", "admin")
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/comments")
            .hasAnyRole("approver", "operator", "admin")
            .requestMatchers(HttpMethod.POST, "/api/v1/deployments/*/gates/*/approve",
                "/api/v1/deployments/*/gates/*/reject").hasRole("approver")
            .requestMatchers(HttpMethod.GET, "/api/v1/**").authenticated()
            .anyRequest().denyAll());
    return http.build();
  }
}
