package dev.tollgate.audit.security;

import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/** An authenticated caller with the roles and groups its token carries. */
public record TollgateUser(String name, Set<String> roles, Set<String> groups) implements AuthenticatedPrincipal {

  public TollgateUser {
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  @Override
  public String getName() {
    return name;
  }
}
