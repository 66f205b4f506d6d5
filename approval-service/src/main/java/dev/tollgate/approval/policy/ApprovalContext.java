package dev.tollgate.approval.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a policy looks at: who asked, who wrote the change, who has approved so far (in order,
 * possibly with repeats: the policy, not the caller, decides what counts), which approvals no
 * longer count, and when.
 *
 * @param requester the identity that requested the deployment
 * @param commitAuthor the author of the commit being deployed, or null when unknown
 * @param approvers everyone whose approval is current (right digest, policy version, not expired), in order
 * @param stale approvals that no longer count, with the reason
 * @param at when the evaluation happens (freeze windows are judged at this instant), or null to skip them
 * @param breakGlassBy the admin whose current break-glass approval overrides a freeze, or null
 */
public record ApprovalContext(String requester, String commitAuthor, List<Actor> approvers,
    List<StaleApproval> stale, Instant at, Actor breakGlassBy) {

  public ApprovalContext {
    Objects.requireNonNull(requester, "requester");
    approvers = List.copyOf(approvers);
    stale = List.copyOf(stale == null ? List.of() : stale);
  }

  /** Current approvals only, not judged against a time (no freeze, no expiry). */
  public ApprovalContext(String requester, String commitAuthor, List<Actor> approvers) {
    this(requester, commitAuthor, approvers, List.of(), null, null);
  }

  /** True when the actor requested the deployment or authored its commit. */
  public boolean isSelf(Actor actor) {
    return actor.isSamePersonAs(requester) || actor.isSamePersonAs(commitAuthor);
  }

  /** True when the actor is the admin whose break-glass approval is current. */
  public boolean brokeGlass(Actor actor) {
    return breakGlassBy != null && breakGlassBy.isSamePersonAs(actor.name());
  }

  public ApprovalContext with(Actor approver) {
    return with(approver, false);
  }

  /** This context with one more current approval, possibly a break-glass one. */
  public ApprovalContext with(Actor approver, boolean breakGlass) {
    var next = new java.util.ArrayList<>(approvers);
    next.add(approver);
    return new ApprovalContext(requester, commitAuthor, next, stale, at,
        breakGlassBy == null && breakGlass ? approver : breakGlassBy);
  }
}
