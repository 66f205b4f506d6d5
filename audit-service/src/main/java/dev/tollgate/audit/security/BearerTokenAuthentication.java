package dev.tollgate.audit.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A bearer token before authentication, and the user it stands for after. */
final class BearerTokenAuthentication extends AbstractAuthenticationToken {

  private final String token;
  private final TollgateUser user;

  private BearerTokenAuthentication(String token, TollgateUser user) {
    super(user == null ? List.of()
        : user.roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
    this.token = token;
    this.user = user;
    setAuthenticated(user != null);
  }

  static BearerTokenAuthentication unauthenticated(String token) {
    return new BearerTokenAuthentication(token, null);
  }

  static BearerTokenAuthentication authenticated(TollgateUser user) {
    return new BearerTokenAuthentication(null, user);
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
