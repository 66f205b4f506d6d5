package dev.tollgate.approval.security;

import dev.tollgate.approval.policy.Actor;
import dev.tollgate.security.TollgateUser;

/** The authenticated caller as the approval policies see it. */
public final class Callers {

  private Callers() {}

  public static Actor actor(TollgateUser user) {
    return new Actor(user.name(), user.roles(), user.groups());
  }
}
