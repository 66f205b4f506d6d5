package dev.tollgate.approval.deployment.domain;

import dev.tollgate.approval.policy.Actor;
import dev.tollgate.approval.policy.CastApproval;
import java.time.Instant;
import java.util.Objects;

/** An entry of a deployment's decision log: approvals, a rejection or withdrawal, and comments. */
public sealed interface Decision {

  Actor actor();

  Instant decidedAt();

  /**
   * An approval, bound to the artifact digest and policy version it was given under.
   *
   * @param breakGlass an admin's approval overriding a freeze window; {@code comment} is the reason
   */
  record Approval(Actor actor, Instant decidedAt, String comment, String artifactDigest, String policyVersion,
      boolean breakGlass) implements Decision {
    public Approval {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(decidedAt, "decidedAt");
      Objects.requireNonNull(artifactDigest, "artifactDigest");
      Objects.requireNonNull(policyVersion, "policyVersion");
    }

    public CastApproval cast() {
      return new CastApproval(actor, decidedAt, artifactDigest, policyVersion, breakGlass);
    }
  }

  record Rejection(Actor actor, Instant decidedAt, String reason) implements Decision {
    public Rejection {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(decidedAt, "decidedAt");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The requester (or an admin) took the request back. */
  record Withdrawal(Actor actor, Instant decidedAt, String reason) implements Decision {
    public Withdrawal {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(decidedAt, "decidedAt");
    }
  }

  /** A remark for the record; decides nothing. */
  record Comment(Actor actor, Instant decidedAt, String text) implements Decision {
    public Comment {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(decidedAt, "decidedAt");
      Objects.requireNonNull(text, "text");
    }
  }
}
