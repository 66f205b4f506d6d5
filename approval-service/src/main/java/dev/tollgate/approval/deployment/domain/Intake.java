package dev.tollgate.approval.deployment.domain;

import java.util.Objects;
import java.util.UUID;

/** How a request reached us, which decides whether approval-service announces it. */
public sealed interface Intake {

  /** Over REST: approval-service writes DeploymentRequested so the trail has it. */
  record Rest() implements Intake {}

  /** Straight onto the requests topic by CI: the record there is the announcement. */
  record Topic(String requestEventId) implements Intake {
    public Topic {
      Objects.requireNonNull(requestEventId, "requestEventId");
    }
  }

  static Intake rest() {
    return new Rest();
  }

  static Intake topic(String requestEventId) {
    return new Topic(requestEventId);
  }

  /** Used when an id must be minted for the request event. */
  static String newEventId() {
    return UUID.randomUUID().toString();
  }
}
