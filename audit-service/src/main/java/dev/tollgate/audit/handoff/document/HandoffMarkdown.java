package dev.tollgate.audit.handoff.document;

import static dev.tollgate.audit.handoff.document.Markdown.code;
import static dev.tollgate.audit.handoff.document.Markdown.text;

import dev.tollgate.audit.handoff.document.HandoffRecord.ApprovalRound;
import dev.tollgate.audit.handoff.document.HandoffRecord.Decision;
import dev.tollgate.audit.handoff.document.HandoffRecord.Endpoints;
import dev.tollgate.audit.handoff.document.HandoffRecord.GateDecision;
import dev.tollgate.audit.handoff.document.HandoffRecord.Health;
import dev.tollgate.audit.handoff.document.HandoffRecord.KnownGoodRequest;
import dev.tollgate.audit.handoff.document.HandoffRecord.Live;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rollback;
import dev.tollgate.audit.handoff.document.HandoffRecord.RollbackPlan;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rollout;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rule;
import dev.tollgate.audit.handoff.document.HandoffRecord.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link HandoffRecord} as GitHub-flavoured Markdown, sections in a fixed order: overview,
 * artifact, deployment profile, approvals, gate decisions, rollout history, rollbacks, live now, how
 * to roll back. Every recorded string goes through {@link Markdown}; the curl commands sit in
 * fenced code blocks with their JSON and shell quoting escaped.
 */
public final class HandoffMarkdown {

  private final StringBuilder out = new StringBuilder(4096);
  private final Endpoints endpoints;

  private HandoffMarkdown(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  public static String render(HandoffRecord record, Endpoints endpoints) {
    HandoffMarkdown markdown = new HandoffMarkdown(endpoints);
    markdown.document(record);
    return markdown.out.toString();
  }

  private void document(HandoffRecord r) {
    var o = r.overview();
    line("# Handoff record: " + code(o.model()) + " " + code(o.version()));
    blank();
    line("Generated " + time(r.generatedAt()) + " from the audit trail (" + r.eventCount()
        + " recorded events of this version). Times are UTC.");
    blank();

    line("## Model overview");
    blank();
    table(List.of("Field", "Value"), List.of(
        List.of("Model", code(o.model())),
        List.of("Version", code(o.version())),
        List.of("Environments", o.environments().isEmpty() ? "—"
            : o.environments().stream().map(Markdown::text).collect(Collectors.joining(", "))),
        List.of("Requested by", text(o.requestedBy())),
        List.of("Requested at", time(o.requestedAt())),
        List.of("Deployments", o.deployments().isEmpty() ? "—" : o.deployments().entrySet().stream()
            .map(e -> code(e.getKey()) + " (" + text(e.getValue()) + ")").collect(Collectors.joining(", ")))));
    blank();

    line("## Artifact");
    blank();
    var a = r.artifact();
    table(List.of("Field", "Value"), List.of(
        List.of("Digest", a == null ? "—" : code(a.digest())),
        List.of("Git commit", a == null ? "—" : code(a.gitCommit())),
        List.of("Commit author", a == null ? "—" : text(a.commitAuthor())),
        List.of("Pipeline run", a == null ? "—" : text(a.pipelineRunUrl()))));
    blank();

    line("## Deployment profile");
    blank();
    var p = r.profile();
    if (p == null) {
      line("No deployment profile is recorded.");
    } else {
      table(List.of("Field", "Value"), List.of(
          List.of("Instance type", text(p.instanceType())),
          List.of("Instance size", text(p.instanceSize())),
          List.of("Replicas", p.replicas() == null ? "—" : p.replicas().toString()),
          List.of("Location / region", text(p.location())),
          List.of("Update schedule", text(p.updateSchedule()))));
    }
    blank();

    approvals(r.approvals());
    gates(r.gates());
    rollouts(r.rollouts());
    rollbacks(r.rollbacks());
    live(r.liveNow(), o.model());
    rollbackPlans(r.rollbackPlans(), o.model(), o.version());
  }

  private void approvals(List<ApprovalRound> rounds) {
    line("## Approvals");
    blank();
    if (rounds.isEmpty()) {
      line("No approval is recorded.");
      blank();
      return;
    }
    for (ApprovalRound round : rounds) {
      line("### " + text(round.environment()) + " — deployment " + code(round.deploymentId()));
      blank();
      line("Policy version: " + code(round.policyVersion()) + ". Outcome: "
          + (round.outcome() == null ? "pending" : text(round.outcome()) + " at " + time(round.outcomeAt()))
          + (round.outcomeDetail() == null ? "" : " (" + text(round.outcomeDetail()) + ")") + ".");
      blank();
      if (round.decisions().isEmpty()) {
        line("No approver has decided.");
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (Decision d : round.decisions()) {
          rows.add(List.of(time(d.at()), text(d.person()), names(d.roles()),
              text(d.decision()) + (d.breakGlass() ? " (break glass)" : ""), text(d.reason()),
              code(d.policyVersion()), summary(d.evaluation())));
        }
        table(List.of("Time", "Approver", "Roles", "Decision", "Reason / comment", "Policy version",
            "Rule evaluation"), rows);
      }
      blank();
      if (!round.evaluation().isEmpty()) {
        line("Rule evaluation of the outcome (" + summary(round.evaluation()) + "):");
        blank();
        for (Rule rule : round.evaluation()) {
          line("- " + (rule.passed() ? "passed" : "failed") + " " + code(rule.rule()) + ": " + text(rule.message()));
        }
        blank();
      }
    }
  }

  private void gates(List<GateDecision> gates) {
    line("## Gate decisions");
    blank();
    if (gates.isEmpty()) {
      line("No rollout gate was decided.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (GateDecision g : gates) {
        rows.add(List.of(time(g.at()), text(g.environment()), text(g.gate()), Integer.toString(g.stepIndex()),
            text(g.decision()), names(g.people()), names(g.roles()), text(g.reason()), code(g.policyVersion())));
      }
      table(List.of("Time", "Environment", "Gate", "Step", "Decision", "By", "Roles", "Reason", "Policy version"),
          rows);
    }
    blank();
  }

  private void rollouts(List<Rollout> rollouts) {
    line("## Rollout history");
    blank();
    if (rollouts.isEmpty()) {
      line("No rollout is recorded.");
      blank();
      return;
    }
    for (Rollout rollout : rollouts) {
      line("### " + text(rollout.environment()) + " — deployment " + code(rollout.deploymentId()));
      blank();
      line("Baseline: " + code(rollout.baselineVersion()) + ". Outcome: " + (rollout.outcome() == null
          ? "in progress" : text(rollout.outcome()) + " at " + time(rollout.outcomeAt())
          + (rollout.previousVersion() == null ? "" : ", replacing " + code(rollout.previousVersion()))) + ".");
      blank();
      List<List<String>> rows = new ArrayList<>();
      for (Step s : rollout.steps()) {
        String numbers = s.candidate() == null ? "" : "candidate " + health(s.candidate())
            + (s.baseline() == null ? "" : "; baseline " + health(s.baseline()));
        String detail = s.detail() == null ? numbers : text(s.detail()) + (numbers.isEmpty() ? "" : "; " + numbers);
        rows.add(List.of(time(s.at()), s.stepIndex() == null ? "—" : s.stepIndex().toString(), text(s.event()),
            detail.isEmpty() ? "—" : detail));
      }
      table(List.of("Time", "Step", "Event", "Details and the numbers judged"), rows);
      blank();
    }
  }

  private void rollbacks(List<Rollback> rollbacks) {
    line("## Rollbacks");
    blank();
    if (rollbacks.isEmpty()) {
      line("This version was never rolled back.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (Rollback b : rollbacks) {
        rows.add(List.of(time(b.at()), text(b.environment()), code(b.deploymentId()), text(b.trigger()),
            text(b.reason()), b.stepIndex() == null ? "—" : b.stepIndex().toString(),
            b.evidence() == null ? "—" : health(b.evidence()), code(b.rollbackToVersion()),
            b.completedAt() == null ? "not completed" : time(b.completedAt()) + ", restored "
                + code(b.restoredVersion())));
      }
      table(List.of("Time", "Environment", "Deployment", "Trigger", "Reason", "Step", "Cause (numbers)",
          "Back to", "Completed"), rows);
    }
    blank();
  }

  private void live(List<Live> live, String model) {
    line("## Live now");
    blank();
    if (live.isEmpty()) {
      line("Nothing of " + code(model) + " has been promoted in any environment.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (Live l : live) {
        rows.add(List.of(text(l.environment()), l.version() == null ? "nothing" : code(l.version()),
            time(l.since()), code(l.deploymentId()), text(l.decidedBy())));
      }
      table(List.of("Environment", "Live version", "Since", "Deployment", "Decided by"), rows);
    }
    blank();
  }

  private void rollbackPlans(List<RollbackPlan> plans, String model, String version) {
    line("## How to roll back");
    blank();
    line("The last known-good version of an environment is the one this version replaced there. The operator "
        + "API of rollout-service rolls back a rollout that is still in progress; once a version is promoted, "
        + "rolling back means deploying the last known-good version again through approval-service (its policy "
        + "applies). Tokens: an operator's for rollout-service, CI's to request and an approver's to approve.");
    blank();
    if (plans.isEmpty()) {
      line("This version was not rolled out anywhere, so there is nothing to roll back.");
      blank();
      return;
    }
    for (RollbackPlan plan : plans) {
      line("### " + text(plan.environment()));
      blank();
      line("Live: " + (plan.liveVersion() == null ? "nothing" : code(plan.liveVersion())) + ". Last known-good: "
          + (plan.lastKnownGood() == null ? "none recorded" : code(plan.lastKnownGood())) + ".");
      blank();
      line("Check what serves now:");
      blank();
      line("```bash");
      line("curl -s " + shell(endpoints.rolloutUrl() + "/api/v1/models/" + model + "/environments/"
          + plan.environment() + "/live"));
      line("```");
      blank();
      if (plan.activeDeploymentId() != null) {
        line("The rollout of " + code(version) + " is in progress: abort it (back to "
            + (plan.lastKnownGood() == null ? "the baseline" : code(plan.lastKnownGood())) + ", trigger MANUAL_ABORT):");
        blank();
        line("```bash");
        line("curl -s -X POST " + shell(endpoints.rolloutUrl() + "/api/v1/deployments/" + plan.activeDeploymentId()
            + "/abort") + " \\");
        line("  -H \"Authorization: Bearer $OPERATOR_TOKEN\" -H 'Content-Type: application/json' \\");
        line("  -d '{\"reason\": \"handoff: <why>\"}'");
        line("```");
        blank();
      }
      KnownGoodRequest good = plan.knownGoodRequest();
      if (plan.lastKnownGood() == null) {
        line("No earlier version completed a rollout in " + text(plan.environment())
            + ": there is no known-good version to return to.");
        blank();
      } else if (good == null) {
        line("The request that deployed " + code(plan.lastKnownGood()) + " is not in the trail; request it again "
            + "through approval-service with its digest and profile.");
        blank();
      } else {
        line("Deploy " + code(good.version()) + " again (as recorded in deployment " + code(good.deploymentId())
            + "), then approve the new deployment:");
        blank();
        line("```bash");
        line("curl -s -X POST " + shell(endpoints.approvalUrl() + "/api/v1/deployments") + " \\");
        line("  -H \"Authorization: Bearer $CI_TOKEN\" -H 'Content-Type: application/json' \\");
        line("  -d " + shell(requestJson(model, plan.environment(), good)) + " | tee /tmp/rollback.json");
        line("DEPLOYMENT=$(sed -E 's/.*\"deploymentId\":\"([^\"]+)\".*/\\1/' /tmp/rollback.json)");
        line("curl -s -X POST " + shell(endpoints.approvalUrl() + "/api/v1/deployments/") + "$DEPLOYMENT/approve \\");
        line("  -H \"Authorization: Bearer $APPROVER_TOKEN\" -H 'Content-Type: application/json' \\");
        line("  -d '{\"comment\": \"roll back " + json(model).replace("'", "") + " to " + json(good.version())
            .replace("'", "") + "\"}'");
        line("```");
        blank();
      }
    }
  }

  private static String requestJson(String model, String environment, KnownGoodRequest good) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"modelName\": \"").append(json(model)).append("\", \"modelVersion\": \"").append(json(good.version()))
        .append("\", \"environment\": \"").append(json(environment)).append('"');
    if (good.artifact() != null) {
      json.append(", \"artifactDigest\": \"").append(json(good.artifact().digest())).append('"');
      json.append(", \"source\": {");
      List<String> source = new ArrayList<>();
      field(source, "gitCommit", good.artifact().gitCommit());
      field(source, "commitAuthor", good.artifact().commitAuthor());
      field(source, "pipelineRunUrl", good.artifact().pipelineRunUrl());
      json.append(String.join(", ", source)).append('}');
    }
    if (good.profile() != null) {
      var p = good.profile();
      List<String> profile = new ArrayList<>();
      field(profile, "instanceType", p.instanceType());
      field(profile, "instanceSize", p.instanceSize());
      if (p.replicas() != null) {
        profile.add("\"replicas\": " + p.replicas());
      }
      field(profile, "location", p.location());
      field(profile, "updateSchedule", p.updateSchedule());
      json.append(", \"profile\": {").append(String.join(", ", profile)).append('}');
    }
    return json.append('}').toString();
  }

  private static void field(List<String> fields, String name, String value) {
    if (value != null) {
      fields.add("\"" + name + "\": \"" + json(value) + "\"");
    }
  }

  /** A JSON string's content: quotes, backslashes and control characters escaped. */
  static String json(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 8);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }

  /** One shell word in single quotes; a single quote inside becomes {@code '\''}. */
  static String shell(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String health(Health h) {
    StringBuilder s = new StringBuilder();
    s.append(text(h.modelVersion())).append(": ").append(h.sampleCount()).append(" samples, ")
        .append(h.requestCount()).append(" requests, ").append(h.errorCount()).append(" errors, error rate ")
        .append(String.format(Locale.ROOT, "%.2f %%", h.errorRate() * 100)).append(", p99 ")
        .append(String.format(Locale.ROOT, "%.1f ms", h.p99LatencyMs()));
    if (h.customMetrics() != null) {
      for (Map.Entry<String, Double> metric : h.customMetrics().entrySet()) {
        s.append(", ").append(text(metric.getKey())).append(' ')
            .append(String.format(Locale.ROOT, "%.4g", metric.getValue()));
      }
    }
    return s.toString();
  }

  private static String summary(List<Rule> evaluation) {
    if (evaluation == null || evaluation.isEmpty()) {
      return "—";
    }
    long passed = evaluation.stream().filter(Rule::passed).count();
    String failed = evaluation.stream().filter(r -> !r.passed()).map(r -> code(r.rule()))
        .collect(Collectors.joining(", "));
    return passed + " of " + evaluation.size() + " rules passed" + (failed.isEmpty() ? "" : "; failed: " + failed);
  }

  private static String names(List<String> names) {
    return names == null || names.isEmpty() ? "—" : names.stream().map(Markdown::text).collect(Collectors.joining(", "));
  }

  private static String time(Instant at) {
    return at == null ? "—" : at.toString();
  }

  private void table(List<String> header, List<List<String>> rows) {
    line("| " + String.join(" | ", header) + " |");
    line("|" + " --- |".repeat(header.size()));
    for (List<String> row : rows) {
      line("| " + String.join(" | ", row) + " |");
    }
  }

  private void line(String line) {
    out.append(line).append('\n');
  }

  private void blank() {
    out.append('\n');
  }
}
