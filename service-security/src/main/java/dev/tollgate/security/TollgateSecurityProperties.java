package dev.tollgate.security;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tollgate.security}: where identities come from.
 *
 * <ul>
 *   <li>{@code mode: static} (default): {@code tokens.<token>: {user, roles, groups}}. A token with
 *       characters other than letters, digits and '-' is written in brackets:
 *       {@code tollgate.security.tokens.[a.b.c].user}.
 *   <li>{@code mode: jwt}: JWTs checked by Spring's resource server
 *       ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code jwk-set-uri} or
 *       {@code public-key-location}); {@code jwt.user-claim}, {@code jwt.roles-claim} and
 *       {@code jwt.groups-claim} name the claims (a dotted name reads a nested claim, e.g.
 *       {@code realm_access.roles}).
 * </ul>
 */
@ConfigurationProperties("tollgate.security")
public record TollgateSecurityProperties(Mode mode, Map<String, Identity> tokens, JwtClaims jwt) {

  public enum Mode {
    /** Bearer tokens listed in the configuration (development, small teams). */
    STATIC,
    /** JWTs from an identity provider. */
    JWT
  }

  public TollgateSecurityProperties {
    mode = mode == null ? Mode.STATIC : mode;
    tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
    jwt = jwt == null ? JwtClaims.DEFAULTS : jwt;
  }

  public record Identity(String user, List<String> roles, List<String> groups) {}

  /** Which JWT claims carry the user name, the roles and the groups. */
  public record JwtClaims(String userClaim, String rolesClaim, String groupsClaim) {

    public static final JwtClaims DEFAULTS = new JwtClaims("sub", "roles", "groups");

    public JwtClaims {
      userClaim = blankTo(userClaim, "sub");
      rolesClaim = blankTo(rolesClaim, "roles");
      groupsClaim = blankTo(groupsClaim, "groups");
    }

    private static String blankTo(String value, String fallback) {
      return value == null || value.isBlank() ? fallback : value.trim();
    }
  }
}
