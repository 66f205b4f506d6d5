package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.policy.Actor;
import java.time.Instant;
import java.util.Objects;

/** A person's decision on a deployment. */
public sealed interface Decision {

  Actor actor();

  Instant decidedAt();

  record Approval(Actor actor, Instant decidedAt, String comment) implements Decision {
    public Approval {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(decidedAt, "decidedAt");
    }
  }

  record Rejection(Actor actor, Instant decidedAt, String reason) implements Decision {
    public Rejection {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(decidedAt, "decidedAt");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
