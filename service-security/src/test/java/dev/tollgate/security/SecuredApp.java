package dev.tollgate.security;

import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service of one reader endpoint and one admin endpoint, secured the way the real ones are. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({TollgateSecurityConfiguration.class, SecuredApp.WhoAmI.class})
class SecuredApp {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, TollgateSecurity security) throws Exception {
    return security.filterChain(http, auth -> auth
        .requestMatchers(HttpMethod.GET, "/api/v1/admin").hasRole(Roles.ADMIN)
        .requestMatchers(HttpMethod.GET, "/api/v1/**").authenticated());
  }

  @RestController
  static class WhoAmI {
    @GetMapping("/api/v1/me")
    Map<String, Object> me(@AuthenticationPrincipal TollgateUser user) {
      return Map.of("user", user.name(), "roles", new TreeSet<>(user.roles()), "groups", new TreeSet<>(user.groups()));
    }

    @GetMapping("/api/v1/admin")
    Map<String, Object> admin(@AuthenticationPrincipal TollgateUser user) {
      return Map.of("user", user.name());
    }
  }
}
