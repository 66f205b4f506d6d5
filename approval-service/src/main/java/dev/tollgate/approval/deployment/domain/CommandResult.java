package dev.tollgate.approval.deployment.domain;

import java.util.List;

/** The outcome of a command: the events it caused, or why it was refused. */
public sealed interface CommandResult {

  record Accepted(List<DeploymentEvent> events) implements CommandResult {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  record Refused(Refusal refusal) implements CommandResult {}

  default boolean accepted() {
    return this instanceof Accepted;
  }
}
