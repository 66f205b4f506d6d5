package dev.tollgate.approval.deployment.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of the decision commands. */
public final class DecisionBodies {

  private DecisionBodies() {}

  /**
   * Optional comment on an approval. An admin overrides a freeze window with {@code breakGlass: true}
   * and a {@code reason} (required then).
   */
  public record ApproveBody(
      @Size(max = 2000) String comment,
      @Schema(description = "admin only: approve despite an active freeze window") Boolean breakGlass,
      @Schema(description = "why the glass is broken (required with breakGlass)") @Size(max = 2000) String reason) {

    public boolean isBreakGlass() {
      return Boolean.TRUE.equals(breakGlass);
    }

    /** The text recorded with the approval: the break-glass reason, else the comment. */
    public String text() {
      return reason != null && !reason.isBlank() ? reason : comment;
    }
  }

  /** A rejection must say why. */
  public record RejectBody(@NotBlank @Size(max = 2000) String reason) {}

  /** Withdrawing may say why. */
  public record WithdrawBody(@Size(max = 2000) String reason) {}

  /** A comment for the record. */
  public record CommentBody(@NotBlank @Size(max = 4000) String comment) {}
}
