package dev.tollgate.security;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Builds a service's filter chain: stateless, identities from static tokens or JWTs
 * ({@code tollgate.security.mode}), 401/403 as problem details, health, info, metrics and the API
 * docs public, then the service's own access rules, and everything else denied.
 */
public final class TollgateSecurity {

  private static final Logger log = LoggerFactory.getLogger(TollgateSecurity.class);

  /** Reachable without credentials on every service. */
  static final String[] PUBLIC = {
      "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
      "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

  /** A service's access rules: which roles may call which endpoints. */
  public interface AccessRules
      extends Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> {}

  private final TollgateSecurityProperties properties;
  private final ProblemResponses problems;
  private final JwtDecoder jwtDecoder;

  /** @param jwtDecoder the resource server's decoder, or null when none is configured */
  public TollgateSecurity(TollgateSecurityProperties properties, ProblemResponses problems, JwtDecoder jwtDecoder) {
    this.properties = properties;
    this.problems = problems;
    this.jwtDecoder = jwtDecoder;
  }

  public TollgateSecurityProperties.Mode mode() {
    return properties.mode();
  }

  /** The filter chain with {@code rules} between the public endpoints and "deny everything else". */
  public SecurityFilterChain filterChain(HttpSecurity http, AccessRules rules) throws Exception {
    http
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .authorizeHttpRequests(auth -> {
          // a streamed response finishes in an ASYNC dispatch of a request already authorized;
          // ERROR dispatches render the problem of a request already judged
          auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
              .requestMatchers(PUBLIC).permitAll();
          rules.customize(auth);
          auth.anyRequest().denyAll();
        });
    if (properties.mode() == TollgateSecurityProperties.Mode.JWT) {
      if (jwtDecoder == null) {
        throw new IllegalStateException("tollgate.security.mode=jwt needs the identity provider: set"
            + " spring.security.oauth2.resourceserver.jwt.issuer-uri, jwk-set-uri or public-key-location");
      }
      JwtUserConverter users = new JwtUserConverter(properties.jwt());
      http.oauth2ResourceServer(server -> server
          .authenticationEntryPoint(problems)
          .accessDeniedHandler(problems)
          .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(users)));
      log.info("Callers authenticate with JWTs (user claim '{}', roles claim '{}', groups claim '{}')",
          properties.jwt().userClaim(), properties.jwt().rolesClaim(), properties.jwt().groupsClaim());
    } else {
      var tokens = new ProviderManager(new StaticTokenAuthenticationProvider(properties.tokens()));
      http.addFilterBefore(new StaticTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class);
      log.info("Callers authenticate with {} static bearer tokens (tollgate.security.tokens)",
          properties.tokens().size());
    }
    return http.build();
  }
}
