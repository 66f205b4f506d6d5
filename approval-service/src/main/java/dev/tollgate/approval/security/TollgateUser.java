package dev.tollgate.approval.security;

import dev.tollgate.approval.policy.Actor;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/** An authenticated caller with the roles and groups its credentials carry. */
public record TollgateUser(String name, Set<String> roles, Set<String> groups) implements AuthenticatedPrincipal {

  public TollgateUser {
    roles = Set.copyOf(roles);
    groups = Set.copyOf(groups);
  }

  @Override
  public String getName() {
    return name;
  }

  public Actor toActor() {
    return new Actor(name, roles, groups);
  }
}
