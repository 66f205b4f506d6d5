package dev.tollgate.audit.handoff.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.audit.handoff.document.HandoffRecord.ApprovalRound;
import dev.tollgate.audit.handoff.document.HandoffRecord.Artifact;
import dev.tollgate.audit.handoff.document.HandoffRecord.Decision;
import dev.tollgate.audit.handoff.document.HandoffRecord.Endpoints;
import dev.tollgate.audit.handoff.document.HandoffRecord.GateDecision;
import dev.tollgate.audit.handoff.document.HandoffRecord.Health;
import dev.tollgate.audit.handoff.document.HandoffRecord.KnownGoodRequest;
import dev.tollgate.audit.handoff.document.HandoffRecord.Live;
import dev.tollgate.audit.handoff.document.HandoffRecord.Overview;
import dev.tollgate.audit.handoff.document.HandoffRecord.Profile;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rollback;
import dev.tollgate.audit.handoff.document.HandoffRecord.RollbackPlan;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rollout;
import dev.tollgate.audit.handoff.document.HandoffRecord.Rule;
import dev.tollgate.audit.handoff.document.HandoffRecord.Step;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandoffMarkdownTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final Endpoints ENDPOINTS = new Endpoints("http://approval.example:18181", "http://rollout.example:18182");
  private static final Artifact ARTIFACT = new Artifact(DIGEST, "9f2c1e7", "dave", "https://ci.example/run/42");
  private static final Profile PROFILE = new Profile("ml.g5", "xlarge", 2, "eu-west-1", "weekdays 09:00-17:00");

  private static HandoffRecord record(String reason, List<RollbackPlan> plans, List<Rollback> rollbacks) {
    Map<String, String> deployments = new LinkedHashMap<>();
    deployments.put("dep-s", "staging");
    deployments.put("dep-p", "production");
    List<Rule> rules = List.of(new Rule("required-approvals", true, "2 of 2 approvals"),
        new Rule("freeze-window", false, "frozen until Monday"));
    ApprovalRound staging = new ApprovalRound("dep-s", "staging", "staging-v3", List.of(
        new Decision(T0.plusSeconds(1), "alice", List.of("approver", "ml-lead"), "approved", reason, "staging-v3", false,
            rules),
        new Decision(T0.plusSeconds(2), "olivia", List.of(), "comment", "watch p99", null, false, List.of())),
        "DeploymentApproved", T0.plusSeconds(3), "approvers alice", rules);
    Health candidate = new Health("1.4.0", 12, 240, 3, 0.0125, 180.0, Map.of("auc", 0.91));
    Health baseline = new Health("1.3.0", 12, 960, 10, 0.0104, 150.0, Map.of());
    Rollout rollout = new Rollout("staging", "dep-s", "1.3.0", List.of(
        new Step(T0.plusSeconds(4), null, "RolloutStarted", "started (CANARY)", null, null),
        new Step(T0.plusSeconds(5), 0, "StepStarted", "setWeight", null, null),
        new Step(T0.plusSeconds(9), 1, "AnalysisPassed", "error rate within 5 %", candidate, baseline),
        new Step(T0.plusSeconds(12), null, "RolloutPromoted", "replaced 1.3.0", null, null)),
        "RolloutPromoted", T0.plusSeconds(12), "1.3.0");
    return new HandoffRecord(
        new Overview("fraud-detector", "1.4.0", List.of("staging", "production"), "ci:pipeline", T0, deployments),
        ARTIFACT, PROFILE, List.of(staging),
        List.of(new GateDecision(T0.plusSeconds(20), "production", "sre-check", 2, "approved", List.of("bob"),
            List.of("approver"), null, "production-v1")),
        List.of(rollout), rollbacks,
        List.of(new Live("staging", "1.4.0", T0.plusSeconds(12), "dep-s", "RolloutPromoted")),
        plans, T0.plusSeconds(60), 17);
  }

  private static RollbackPlan promotedPlan() {
    return new RollbackPlan("staging", "1.4.0", null, "1.3.0",
        new KnownGoodRequest("dep-old", "1.3.0", new Artifact("sha256:" + "cd".repeat(32), "1a2b3c", "erin", null),
            PROFILE));
  }

  @Test
  void sectionsComeInTheirFixedOrder() {
    String markdown = HandoffMarkdown.render(record("ok", List.of(promotedPlan()), List.of()), ENDPOINTS);

    List<String> headings = markdown.lines().filter(l -> l.startsWith("## ")).toList();
    assertThat(headings).containsExactly("## Model overview", "## Artifact", "## Deployment profile", "## Approvals",
        "## Gate decisions", "## Rollout history", "## Rollbacks", "## Live now", "## How to roll back");
    assertThat(markdown).startsWith("# Handoff record: `fraud-detector` `1.4.0`\n");
  }

  @Test
  void overviewArtifactAndProfileAreTables() {
    String markdown = HandoffMarkdown.render(record("ok", List.of(), List.of()), ENDPOINTS);

    assertThat(markdown)
        .contains("| Environments | staging, production |")
        .contains("| Requested by | ci:pipeline |")
        .contains("| Requested at | 2026-03-01T10:00:00Z |")
        .contains("| Deployments | `dep-s` (staging), `dep-p` (production) |")
        .contains("| Digest | `" + DIGEST + "` |")
        .contains("| Git commit | `9f2c1e7` |")
        .contains("| Commit author | dave |")
        .contains("| Pipeline run | https://ci.example/run/42 |")
        .contains("| Instance type | ml.g5 |")
        .contains("| Instance size | xlarge |")
        .contains("| Replicas | 2 |")
        .contains("| Location / region | eu-west-1 |")
        .contains("| Update schedule | weekdays 09:00-17:00 |");
  }

  @Test
  void approversAppearWithRolesDecisionReasonPolicyAndEvaluation() {
    String markdown = HandoffMarkdown.render(record("offline evaluation looks good", List.of(), List.of()), ENDPOINTS);

    assertThat(markdown)
        .contains("### staging — deployment `dep-s`")
        .contains("Policy version: `staging-v3`. Outcome: DeploymentApproved at 2026-03-01T10:00:03Z (approvers alice).")
        .contains("| 2026-03-01T10:00:01Z | alice | approver, ml\\-lead |".replace("ml\\-lead", "ml-lead")
            + " approved | offline evaluation looks good | `staging-v3` | 1 of 2 rules passed; failed: `freeze-window` |")
        .contains("| 2026-03-01T10:00:02Z | olivia | — | comment | watch p99 |")
        .contains("- passed `required-approvals`: 2 of 2 approvals")
        .contains("- failed `freeze-window`: frozen until Monday")
        .contains("| 2026-03-01T10:00:20Z | production | sre\\-check".replace("sre\\-check", "sre-check")
            + " | 2 | approved | bob | approver | — | `production-v1` |");
    assertThat(markdown.indexOf("| alice |")).isLessThan(markdown.indexOf("| olivia |"));
  }

  @Test
  void rolloutStepsCarryTheNumbersTheyWereJudgedOn() {
    String markdown = HandoffMarkdown.render(record("ok", List.of(), List.of()), ENDPOINTS);

    assertThat(markdown)
        .contains("Baseline: `1.3.0`. Outcome: RolloutPromoted at 2026-03-01T10:00:12Z, replacing `1.3.0`.")
        .contains("| 2026-03-01T10:00:09Z | 1 | AnalysisPassed | error rate within 5 %; candidate 1.4.0: 12 samples, "
            + "240 requests, 3 errors, error rate 1.25 %, p99 180.0 ms, auc 0.9100; baseline 1.3.0: 12 samples, "
            + "960 requests, 10 errors, error rate 1.04 %, p99 150.0 ms |")
        .contains("This version was never rolled back.")
        .contains("| staging | `1.4.0` | 2026-03-01T10:00:12Z | `dep-s` | RolloutPromoted |");
    List<String> events = markdown.lines().filter(l -> l.matches("\\| 2026-03-01T10:00:(04|05|09|12)Z .*")).toList();
    assertThat(events).extracting(l -> l.split(" \\| ")[2])
        .containsExactly("RolloutStarted", "StepStarted", "AnalysisPassed", "RolloutPromoted");
  }

  @Test
  void rollbacksShowTriggerCauseAndRestoredVersion() {
    Rollback rollback = new Rollback(T0.plusSeconds(30), "staging", "dep-s", "METRIC_BREACH",
        "error rate 9.00 % > 5 %", 1, "1.3.0", new Health("1.4.0", 4, 100, 9, 0.09, 210.0, Map.of()),
        T0.plusSeconds(31), "1.3.0");
    String markdown = HandoffMarkdown.render(record("ok", List.of(), List.of(rollback)), ENDPOINTS);

    assertThat(markdown).contains("| 2026-03-01T10:00:30Z | staging | `dep-s` | METRIC\\_BREACH | error rate 9.00 % > 5 %"
        .replace("> 5", "\\> 5") + " | 1 | 1.4.0: 4 samples, 100 requests, 9 errors, error rate 9.00 %, p99 210.0 ms"
        + " | `1.3.0` | 2026-03-01T10:00:31Z, restored `1.3.0` |");
  }

  @Test
  void aPromotedVersionIsRolledBackByRedeployingTheKnownGoodRequest() {
    String markdown = HandoffMarkdown.render(record("ok", List.of(promotedPlan()), List.of()), ENDPOINTS);

    assertThat(markdown)
        .contains("Live: `1.4.0`. Last known-good: `1.3.0`.")
        .contains("curl -s 'http://rollout.example:18182/api/v1/models/fraud-detector/environments/staging/live'")
        .contains("curl -s -X POST 'http://approval.example:18181/api/v1/deployments' \\\n"
            + "  -H \"Authorization: Bearer $CI_TOKEN\" -H 'Content-Type: application/json' \\\n"
            + "  -d '{\"modelName\": \"fraud-detector\", \"modelVersion\": \"1.3.0\", \"environment\": \"staging\", "
            + "\"artifactDigest\": \"sha256:" + "cd".repeat(32) + "\", \"source\": {\"gitCommit\": \"1a2b3c\", "
            + "\"commitAuthor\": \"erin\"}, \"profile\": {\"instanceType\": \"ml.g5\", \"instanceSize\": \"xlarge\", "
            + "\"replicas\": 2, \"location\": \"eu-west-1\", \"updateSchedule\": \"weekdays 09:00-17:00\"}}'")
        .contains("curl -s -X POST 'http://approval.example:18181/api/v1/deployments/'$DEPLOYMENT/approve")
        .doesNotContain("/abort");
  }

  @Test
  void aRolloutInProgressIsAbortedThroughTheOperatorApi() {
    RollbackPlan active = new RollbackPlan("staging", "1.3.0", "dep-s", "1.3.0", null);
    String markdown = HandoffMarkdown.render(record("ok", List.of(active), List.of()), ENDPOINTS);

    assertThat(markdown)
        .contains("curl -s -X POST 'http://rollout.example:18182/api/v1/deployments/dep-s/abort' \\\n"
            + "  -H \"Authorization: Bearer $OPERATOR_TOKEN\" -H 'Content-Type: application/json' \\\n"
            + "  -d '{\"reason\": \"handoff: <why>\"}'")
        .contains("The request that deployed `1.3.0` is not in the trail");
  }

  @Test
  void withNoKnownGoodVersionTheRecordSaysSo() {
    RollbackPlan first = new RollbackPlan("staging", "1.4.0", null, null, null);
    String markdown = HandoffMarkdown.render(record("ok", List.of(first), List.of()), ENDPOINTS);

    assertThat(markdown).contains("Last known-good: none recorded.")
        .contains("No earlier version completed a rollout in staging: there is no known-good version to return to.")
        .doesNotContain("$CI_TOKEN");
  }

  @Test
  void aReasonCannotInjectHeadingsTablesLinksOrHtml() {
    String hostile = "fine\n# Approved by everyone\n\n| forged | row |\n---\n<script>x</script> [click](http://evil) "
        + "**bold** `code` ~~gone~~ &amp;";
    String markdown = HandoffMarkdown.render(record(hostile, List.of(), List.of()), ENDPOINTS);

    assertThat(markdown.lines()).noneMatch(l -> l.startsWith("# Approved"))
        .noneMatch(l -> l.startsWith("| forged"))
        .noneMatch(l -> l.equals("---"));
    assertThat(markdown).doesNotContain("<script>").doesNotContain("[click]").doesNotContain("**bold**")
        .contains("fine \\# Approved by everyone \\| forged \\| row \\| --- \\<script\\>x\\</script\\> "
            + "\\[click\\](http://evil) \\*\\*bold\\*\\* \\`code\\` \\~\\~gone\\~\\~ \\&amp;");
    String aliceRow = markdown.lines().filter(l -> l.contains("| alice |")).findFirst().orElseThrow();
    assertThat(aliceRow.split("(?<!\\\\)\\|", -1)).as("cells of the approver row").hasSize(9);
  }

  @Test
  void codeSpansCannotBeClosedByTheValue() {
    assertThat(Markdown.code("a`b")).isEqualTo("``a`b``");
    assertThat(Markdown.code("`x")).isEqualTo("`` `x ``");
    assertThat(Markdown.code("a|b")).isEqualTo("`a\\|b`");
    assertThat(Markdown.code(null)).isEqualTo("—");
  }

  @Test
  void shellAndJsonQuotingSurviveQuotes() {
    assertThat(HandoffMarkdown.shell("it's")).isEqualTo("'it'\\''s'");
    assertThat(HandoffMarkdown.json("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }
}
