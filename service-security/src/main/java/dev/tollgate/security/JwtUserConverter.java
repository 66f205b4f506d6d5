package dev.tollgate.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps a verified JWT to a {@link TollgateUser}: the user from the user claim ({@code sub} unless
 * configured otherwise, e.g. {@code preferred_username}), roles and groups from their claims. A
 * claim may be a list or a space- or comma-separated string; a dotted name reads a nested claim
 * ({@code realm_access.roles}); a leading '/' of a group (identity providers that send group
 * paths) is dropped.
 */
public class JwtUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  private final TollgateSecurityProperties.JwtClaims claims;

  public JwtUserConverter(TollgateSecurityProperties.JwtClaims claims) {
    this.claims = claims;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    Object user = claim(jwt.getClaims(), claims.userClaim());
    if (!(user instanceof String name) || name.isBlank()) {
      throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
          "the token has no user claim '" + claims.userClaim() + "'", null));
    }
    Set<String> roles = values(claim(jwt.getClaims(), claims.rolesClaim()));
    Set<String> groups = new LinkedHashSet<>();
    for (String group : values(claim(jwt.getClaims(), claims.groupsClaim()))) {
      String plain = group.startsWith("/") ? group.substring(1) : group;
      if (!plain.isEmpty()) {
        groups.add(plain);
      }
    }
    return TollgateAuthentication.authenticated(new TollgateUser(name.trim(), roles, groups));
  }

  private static Object claim(Map<String, Object> claims, String name) {
    Object direct = claims.get(name);
    if (direct != null || !name.contains(".")) {
      return direct;
    }
    Object current = claims;
    for (String part : name.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  private static Set<String> values(Object claim) {
    Set<String> values = new LinkedHashSet<>();
    if (claim instanceof Collection<?> list) {
      list.forEach(v -> {
        if (v != null && !v.toString().isBlank()) {
          values.add(v.toString().trim());
        }
      });
    } else if (claim instanceof String text) {
      Arrays.stream(text.split("[\\s,]+")).filter(v -> !v.isBlank()).forEach(values::add);
    }
    return values;
  }
}
