package dev.tollgate.approval.policy;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A quorum rule of an {@link ApprovalPolicy}. Rules see only the approvals that count (see
 * {@link ApprovalPolicy#countingApprovers}): one person counts once, the requester and the commit
 * author never count, and only holders of the approver role count.
 */
public sealed interface PolicyRule {

  /** A stable id used in events and views, e.g. {@code required-group:sre}. */
  String id();

  RuleResult evaluate(ApprovalContext context, List<Actor> counting);

  /** At least {@code count} distinct approvers, whatever their groups (the N of N-of-M). */
  record RequiredApprovals(int count, String role) implements PolicyRule {
    public RequiredApprovals {
      if (count < 1) {
        throw new IllegalArgumentException("required approvals must be at least 1, was " + count);
      }
    }

    @Override
    public String id() {
      return "required-approvals";
    }

    @Override
    public RuleResult evaluate(ApprovalContext context, List<Actor> counting) {
      int have = counting.size();
      String by = role == null ? "" : " by role " + role;
      if (have >= count) {
        return RuleResult.pass(id(), have + " of " + count + " required approvals" + by
            + " (" + names(counting) + ")");
      }
      int missing = count - have;
      return RuleResult.fail(id(), "needs " + missing + " more approval" + (missing == 1 ? "" : "s") + by
          + " (has " + have + " of " + count + ")");
    }
  }

  /** At least {@code count} distinct approvers from one group, e.g. one from sre. */
  record RequiredGroup(String group, int count) implements PolicyRule {
    public RequiredGroup {
      Objects.requireNonNull(group, "group");
      if (count < 1) {
        throw new IllegalArgumentException("required approvals of group " + group + " must be at least 1");
      }
    }

    @Override
    public String id() {
      return "required-group:" + group;
    }

    @Override
    public RuleResult evaluate(ApprovalContext context, List<Actor> counting) {
      List<Actor> members = counting.stream().filter(a -> a.inGroup(group)).toList();
      if (members.size() >= count) {
        return RuleResult.pass(id(), "approved from group " + group + " by " + names(members));
      }
      int missing = count - members.size();
      return RuleResult.fail(id(), "needs " + missing + " more approval" + (missing == 1 ? "" : "s")
          + " from group " + group);
    }
  }

  /**
   * Separation of duties: the requester and the commit author may not approve. Approvals by them
   * are refused when given and never counted; this rule says so to the reader.
   */
  record NoSelfApproval() implements PolicyRule {
    @Override
    public String id() {
      return "no-self-approval";
    }

    @Override
    public RuleResult evaluate(ApprovalContext context, List<Actor> counting) {
      String who = "requester " + context.requester()
          + (context.commitAuthor() == null ? "" : " and commit author " + context.commitAuthor());
      List<Actor> ignored = context.approvers().stream().filter(context::isSelf).toList();
      return RuleResult.pass(id(), ignored.isEmpty()
          ? who + " may not approve"
          : who + " may not approve; ignored approval by " + names(ignored));
    }
  }

  /**
   * Decisions are bound to the artifact digest and the policy version they were made under, and
   * age out after the policy's approval-ttl. Approvals that no longer count are left out of every
   * other rule; this rule says which and why.
   */
  record CurrentApprovals(java.time.Duration approvalTtl) implements PolicyRule {
    public static final String ID = "approvals-current";

    @Override
    public String id() {
      return ID;
    }

    @Override
    public RuleResult evaluate(ApprovalContext context, List<Actor> counting) {
      String ttl = approvalTtl == null ? "" : "; approvals count for " + approvalTtl.toString().substring(2).toLowerCase();
      if (context.stale().isEmpty()) {
        return RuleResult.pass(id(), "every approval was given for this artifact under the current policy" + ttl);
      }
      return RuleResult.pass(id(), context.stale().stream().map(StaleApproval::message)
          .collect(Collectors.joining("; ")) + ttl);
    }
  }

  /**
   * No deployment is approved while a freeze window is active, unless an admin broke the glass.
   * The only rule judged against the clock; it blocks the approval that would reach quorum.
   */
  record Freeze(String environment, FreezeCalendar calendar) implements PolicyRule {
    public static final String ID = "freeze";

    public Freeze {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(calendar, "calendar");
    }

    @Override
    public String id() {
      return ID;
    }

    @Override
    public RuleResult evaluate(ApprovalContext context, List<Actor> counting) {
      if (context.at() == null) {
        return RuleResult.pass(id(), "freeze windows not checked");
      }
      var freeze = calendar.at(context.at());
      if (freeze.isEmpty()) {
        return RuleResult.pass(id(), environment + " is not frozen");
      }
      if (context.breakGlassBy() != null) {
        return RuleResult.pass(id(), freeze.get().describe(environment) + "; overridden by break-glass approval of "
            + context.breakGlassBy().name());
      }
      return RuleResult.fail(id(), freeze.get().describe(environment));
    }
  }

  private static String names(List<Actor> actors) {
    return actors.stream().map(Actor::name).distinct().collect(Collectors.joining(", "));
  }
}
