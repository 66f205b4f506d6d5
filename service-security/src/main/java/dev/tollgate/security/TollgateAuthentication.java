package dev.tollgate.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A static bearer token before authentication, and the {@link TollgateUser} a credential (static
 * token or JWT) stands for after. Roles become authorities {@code ROLE_<role>}.
 */
public final class TollgateAuthentication extends AbstractAuthenticationToken {

  private final String token;
  private final TollgateUser user;

  private TollgateAuthentication(String token, TollgateUser user) {
    super(user == null ? List.of()
        : user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
    this.token = token;
    this.user = user;
    setAuthenticated(user != null);
  }

  static TollgateAuthentication unauthenticated(String token) {
    return new TollgateAuthentication(token, null);
  }

  public static TollgateAuthentication authenticated(TollgateUser user) {
    return new TollgateAuthentication(null, user);
  }

  String token() {
    return token;
  }

  @Override
  public Object getCredentials() {
    return null; // the token is never handed on
  }

  @Override
  public Object getPrincipal() {
    return user;
  }

  @Override
  public String getName() {
    return user == null ? "" : user.name();
  }
}
