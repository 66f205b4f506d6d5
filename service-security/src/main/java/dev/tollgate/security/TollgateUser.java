package dev.tollgate.security;

import java.util.Objects;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * An authenticated caller with the roles and groups its credentials carry: the only thing past
 * authentication that a service sees, whether a static token or a JWT vouched for it.
 */
public record TollgateUser(String name, Set<String> roles, Set<String> groups) implements AuthenticatedPrincipal {

  public TollgateUser {
    Objects.requireNonNull(name, "name");
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  @Override
  public String getName() {
    return name;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
