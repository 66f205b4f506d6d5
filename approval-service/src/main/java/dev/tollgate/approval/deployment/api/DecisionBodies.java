package dev.tollgate.approval.deployment.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the approve and reject commands. */
public final class DecisionBodies {

  private DecisionBodies() {}

  /** Optional comment on an approval. */
  public record ApproveBody(@Size(max = 2000) String comment) {}

  /** A rejection must say why. */
  public record RejectBody(@NotBlank @Size(max = 2000) String reason) {}
}
