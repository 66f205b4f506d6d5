package dev.tollgate.approval.policy;

/** Why a policy does not accept an approval from someone. */
public record Ineligibility(Kind kind, String message) {

  public enum Kind {
    /** The requester or the commit author tried to approve. */
    SELF_APPROVAL,
    /** The actor lacks the role the policy asks of approvers. */
    MISSING_ROLE,
    /** The actor has already approved; one person counts once. */
    ALREADY_APPROVED,
    /** Someone other than an admin asked for a break-glass approval. */
    BREAK_GLASS_NOT_ALLOWED
  }
}
