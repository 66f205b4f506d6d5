package dev.tollgate.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Resolves static bearer tokens to users. Tokens are kept only as SHA-256 digests, so the lookup
 * neither keeps the secrets in memory nor leaks them through the timing of a string comparison.
 */
public class StaticTokenAuthenticationProvider implements AuthenticationProvider {

  private final Map<String, TollgateUser> usersByDigest;

  public StaticTokenAuthenticationProvider(Map<String, TollgateSecurityProperties.Identity> tokens) {
    Map<String, TollgateUser> users = new HashMap<>();
    tokens.forEach((token, identity) -> {
      if (token.isBlank() || identity.user() == null || identity.user().isBlank()) {
        throw new IllegalStateException("tollgate.security.tokens: every token needs a user");
      }
      users.put(digest(token), new TollgateUser(identity.user(), Set.copyOf(orEmpty(identity.roles())),
          Set.copyOf(orEmpty(identity.groups()))));
    });
    this.usersByDigest = Map.copyOf(users);
  }

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String token = ((TollgateAuthentication) authentication).token();
    TollgateUser user = usersByDigest.get(digest(token));
    if (user == null) {
      throw new BadCredentialsException("unknown bearer token");
    }
    return TollgateAuthentication.authenticated(user);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return TollgateAuthentication.class.isAssignableFrom(authentication);
  }

  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> orEmpty(List<String> values) {
    return values == null ? List.of() : values;
  }
}
