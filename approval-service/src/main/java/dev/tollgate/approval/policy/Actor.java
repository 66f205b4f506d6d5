package dev.tollgate.approval.policy;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone who acts on a deployment: a person or a CI identity, with the roles and groups the
 * identity provider vouches for.
 */
public record Actor(String name, Set<String> roles, Set<String> groups) {

  public Actor {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("actor name must not be blank");
    }
    // sorted copies: stable order in events and views
    roles = Set.copyOf(roles == null ? Set.of() : roles);
    groups = Set.copyOf(groups == null ? Set.of() : groups);
  }

  public static Actor named(String name) {
    return new Actor(name, Set.of(), Set.of());
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  public boolean isSamePersonAs(String other) {
    return other != null && name.equalsIgnoreCase(other.trim());
  }

  public java.util.List<String> sortedRoles() {
    return java.util.List.copyOf(new TreeSet<>(roles));
  }

  public java.util.List<String> sortedGroups() {
    return java.util.List.copyOf(new TreeSet<>(groups));
  }
}
