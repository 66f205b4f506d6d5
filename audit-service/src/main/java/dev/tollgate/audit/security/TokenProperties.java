package dev.tollgate.audit.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tollgate.security.tokens.<token>}: user, roles, groups — the format approval-service
 * reads, so one token file serves both. A token with characters other than letters, digits and
 * '-' is written in brackets: {@code tollgate.security.tokens.[a.b.c].user}.
 */
@ConfigurationProperties("tollgate.security")
public record TokenProperties(Map<String, Identity> tokens) {

  public TokenProperties {
    tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
  }

  public record Identity(String user, List<String> roles, List<String> groups) {}
}
