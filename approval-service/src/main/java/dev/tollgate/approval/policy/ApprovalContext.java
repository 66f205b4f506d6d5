package dev.tollgate.approval.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a policy looks at: who asked, who wrote the change, and who has approved so far (in order,
 * possibly with repeats: the policy, not the caller, decides what counts).
 *
 * @param requester the identity that requested the deployment
 * @param commitAuthor the author of the commit being deployed, or null when unknown
 * @param approvers everyone who approved, in the order they did
 */
public record ApprovalContext(String requester, String commitAuthor, List<Actor> approvers) {

  public ApprovalContext {
    Objects.requireNonNull(requester, "requester");
    approvers = List.copyOf(approvers);
  }

  /** True when the actor requested the deployment or authored its commit. */
  public boolean isSelf(Actor actor) {
    return actor.isSamePersonAs(requester) || actor.isSamePersonAs(commitAuthor);
  }

  public ApprovalContext with(Actor approver) {
    var next = new java.util.ArrayList<>(approvers);
    next.add(approver);
    return new ApprovalContext(requester, commitAuthor, next);
  }
}
