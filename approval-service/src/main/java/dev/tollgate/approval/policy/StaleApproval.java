package dev.tollgate.approval.policy;

/** An approval that no longer counts, and why, in words a person can read. */
public record StaleApproval(Actor approver, Reason reason, String message) {

  public enum Reason {
    /** Given for another artifact digest than the one being deployed. */
    OTHER_DIGEST,
    /** Given under another version of the policy than the one in force. */
    OTHER_POLICY_VERSION,
    /** Older than the policy's approval-ttl. */
    EXPIRED
  }
}
