package dev.tollgate.approval.deployment;

import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.BOB;
import static dev.tollgate.approval.support.Fixtures.CAROL;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.DEFAULT;
import static dev.tollgate.approval.support.Fixtures.DIGEST;
import static dev.tollgate.approval.support.Fixtures.OLIVIA;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings.GateQuorum;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.PromotionOrder;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.deployment.intake.RejectedRecordException;
import dev.tollgate.approval.events.AvroValues;
import dev.tollgate.approval.gate.Gates;
import dev.tollgate.approval.gate.JdbcGateStore;
import dev.tollgate.approval.gate.domain.GateStatus;
import dev.tollgate.approval.outbox.OutboxStore;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.rollout.JdbcRolloutStore;
import dev.tollgate.approval.rollout.RolloutEventListener;
import dev.tollgate.approval.support.Fixtures;
import dev.tollgate.approval.support.MutableClock;
import dev.tollgate.approval.support.TestDatabase;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.GateRequested;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.events.RolloutPromoted;
import dev.tollgate.events.RolloutStarted;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5's rules against a real PostgreSQL: promotion order fed by the rollouts topic,
 * supersede, withdraw and comment, expiry sweeps, policy-version changes across a restart, and
 * gates that survive a restart with their votes.
 */
class GovernancePersistenceTest {

  static TestDatabase db;

  final MutableClock clock = new MutableClock(Instant.parse("2025-03-12T09:00:00Z"));
  JdbcDeploymentStore store;
  OutboxStore outbox;
  JdbcRolloutStore rollouts;
  DeploymentIntake intake;
  DeploymentDecisions decisions;
  Gates gates;
  RolloutEventListener listener;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  static Environments environments(String productionVersion) {
    var staging = new EnvironmentSettings("staging",
        ApprovalPolicy.of("staging", "staging-v1", 1, "approver", List.of()).withRequestTtl(Duration.ofDays(7)),
        DEFAULT);
    var production = new EnvironmentSettings("production",
        ApprovalPolicy.of("production", productionVersion, 2, "approver", List.of("ml-lead", "sre")),
        DEFAULT, new PromotionOrder("staging"), Map.of("widen", new GateQuorum(2, List.of("sre"))));
    Map<String, EnvironmentSettings> byName = Map.of("staging", staging, "production", production);
    return new Environments() {
      @Override
      public Optional<EnvironmentSettings> find(String name) {
        return Optional.ofNullable(byName.get(name));
      }

      @Override
      public SortedSet<String> names() {
        return new TreeSet<>(byName.keySet());
      }
    };
  }

  /** A fresh set of services on the same database: what a restart looks like. */
  void start(Environments environments) {
    store = new JdbcDeploymentStore(db.jdbc(), JsonMapper.builder().build());
    outbox = new OutboxStore(db.jdbc());
    rollouts = new JdbcRolloutStore(db.jdbc());
    intake = new DeploymentIntake(store, outbox, environments, db.transactions(), clock, rollouts);
    decisions = new DeploymentDecisions(store, outbox, environments, db.transactions(), clock);
    gates = new Gates(new JdbcGateStore(db.jdbc()), store, outbox, environments, db.transactions(), clock);
    listener = new RolloutEventListener(rollouts, gates, db.transactions());
  }

  @BeforeEach
  void setUp() {
    db.clear();
    start(environments("production-v1"));
  }

  List<String> outboxTypes(String deploymentId) {
    return db.jdbc().sql("SELECT event_type FROM outbox WHERE deployment_id = :id ORDER BY id")
        .param("id", deploymentId).query(String.class).list();
  }

  ConsumerRecord<String, RolloutEvent> rolloutRecord(String deploymentId, String environment, Object payload) {
    var envelope = Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
        .setActor("system:rollout-service").setDeploymentId(deploymentId).setModelName("fraud-detector")
        .setModelVersion("1.4.0").setEnvironment(environment).build();
    return new ConsumerRecord<>(Topics.ROLLOUTS.name(), 0, 0L, "fraud-detector",
        RolloutEvent.newBuilder().setEnvelope(envelope).setPayload(payload).build());
  }

  String approvedInStaging() {
    String id = intake.submit(request("staging", null), CI, Intake.rest(), null).deployment().id();
    decisions.approve(id, ALICE, null);
    return id;
  }

  @Test
  void productionTakesOnlyADigestThatCompletedInStaging() {
    assertThatThrownBy(() -> intake.submit(request("production", "p-1"), CI, Intake.rest(), null))
        .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
          assertThat(e.refusal().rule()).isEqualTo("promotion-order");
          assertThat(e.getMessage()).isEqualTo("artifact " + DIGEST + " of fraud-detector has not completed a"
              + " rollout in staging; production accepts only artifacts that did");
        });
    assertThat(db.jdbc().sql("SELECT count(*) FROM deployment").query(Long.class).single()).isZero();

    String staging = approvedInStaging();
    listener.onMessage(rolloutRecord(staging, "staging", RolloutStarted.newBuilder()
        .setStrategy(AvroValues.strategy(Fixtures.CANARY)).setArtifactDigest(DIGEST).build()));
    assertThatThrownBy(() -> intake.submit(request("production", "p-1"), CI, Intake.rest(), null))
        .as("started is not completed").isInstanceOf(RequestRefusedException.class);

    listener.onMessage(rolloutRecord(staging, "staging", RolloutPromoted.newBuilder().build()));
    listener.onMessage(rolloutRecord(staging, "staging", RolloutPromoted.newBuilder().build()));

    var production = intake.submit(request("production", "p-1"), CI, Intake.rest(), null);
    assertThat(production).isInstanceOf(DeploymentIntake.Outcome.Created.class);
    assertThat(db.jdbc().sql("SELECT deployment_id FROM completed_rollout").query(String.class).list())
        .containsExactly(staging);
  }

  @Test
  void aPromotionOfAnUnknownDeploymentIsRejected() {
    assertThatThrownBy(() -> listener.onMessage(rolloutRecord("nobody", "staging",
        RolloutPromoted.newBuilder().build())))
        .isInstanceOfSatisfying(RejectedRecordException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectedRecordException.UNKNOWN_DEPLOYMENT));
  }

  @Test
  void aNewerRequestSupersedesThePendingOneButNotAnApprovedOne() {
    String approved = approvedInStaging();
    String first = intake.submit(request("fraud-detector", "1.5.0", "staging", "k-15"), CI, Intake.rest(), null)
        .deployment().id();
    String second = intake.submit(request("fraud-detector", "1.6.0", "staging", "k-16"), CI, Intake.rest(), null)
        .deployment().id();
    // a retry of the newest is the same deployment and supersedes nothing
    intake.submit(request("fraud-detector", "1.6.0", "staging", "k-16"), CI, Intake.rest(), null);

    assertThat(store.find(approved).orElseThrow().status()).isEqualTo(DeploymentStatus.APPROVED);
    assertThat(store.find(first).orElseThrow().status()).isEqualTo(DeploymentStatus.SUPERSEDED);
    assertThat(store.find(second).orElseThrow().status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL);
    assertThat(outboxTypes(first)).containsExactly("DeploymentRequested", "ApprovalRequested", "DeploymentSuperseded");
    assertThatThrownBy(() -> decisions.approve(first, ALICE, null))
        .isInstanceOfSatisfying(DecisionRefusedException.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.AlreadyDecided.class));
  }

  @Test
  void withdrawAndCommentsAreStoredAndAnnounced() {
    String id = intake.submit(request("staging", null), CI, Intake.rest(), null).deployment().id();
    decisions.comment(id, OLIVIA, "canary dashboards ready");
    decisions.withdraw(id, CI, "wrong artifact");

    var stored = store.find(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeploymentStatus.WITHDRAWN);
    assertThat(stored.comments()).extracting(c -> c.text()).containsExactly("canary dashboards ready");
    assertThat(stored.withdrawal()).get().extracting(w -> w.actor().name()).isEqualTo("ci:pipeline");
    assertThat(outboxTypes(id)).containsExactly("DeploymentRequested", "ApprovalRequested", "ApprovalCommented",
        "ApprovalWithdrawn");
  }

  @Test
  void theSweeperExpiresRequestsPastTheirTtlOnce() {
    String old = intake.submit(request("fraud-detector", "1.0.0", "staging", null), CI, Intake.rest(), null)
        .deployment().id();
    clock.advance(Duration.ofDays(3));
    String recent = intake.submit(request("other-model", "1.0.0", "staging", null), CI, Intake.rest(), null)
        .deployment().id();
    var sweeper = new RequestExpirySweeper(store, decisions, environments("production-v1"), clock,
        Duration.ofSeconds(30));
    assertThat(sweeper.sweep()).isZero();

    clock.advance(Duration.ofDays(4));
    assertThat(sweeper.sweep()).isEqualTo(1);
    assertThat(sweeper.sweep()).isZero();

    assertThat(store.find(old).orElseThrow().status()).isEqualTo(DeploymentStatus.EXPIRED);
    assertThat(store.find(recent).orElseThrow().status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL);
    assertThat(outboxTypes(old)).endsWith("ApprovalExpired");
  }

  @Test
  void aNewPolicyVersionAfterARestartDiscountsEarlierApprovals() {
    String staging = approvedInStaging();
    rollouts.recordCompleted("fraud-detector", DIGEST, "staging", "1.4.0", staging, clock.instant(), "e-1");
    String id = intake.submit(request("production", null), CI, Intake.rest(), null).deployment().id();
    decisions.approve(id, ALICE, null);

    start(environments("production-v2"));
    var afterBob = decisions.approve(id, BOB, null);

    assertThat(afterBob.status()).isEqualTo(DeploymentStatus.PENDING_APPROVAL);
    assertThat(store.find(id).orElseThrow().approvals()).extracting(a -> a.policyVersion())
        .containsExactly("production-v1", "production-v2");
    assertThat(decisions.approve(id, CAROL, null).status()).isEqualTo(DeploymentStatus.APPROVED);
  }

  @Test
  void gatesAndTheirVotesSurviveARestart() {
    String staging = approvedInStaging();
    rollouts.recordCompleted("fraud-detector", DIGEST, "staging", "1.4.0", staging, clock.instant(), "e-1");
    String id = intake.submit(request("production", null), CI, Intake.rest(), null).deployment().id();
    decisions.approve(id, ALICE, null);
    decisions.approve(id, BOB, null);

    var gateRequest = rolloutRecord(id, "production", GateRequested.newBuilder().setGate("widen").setStepIndex(2)
        .setCurrentWeight(10).build());
    listener.onMessage(gateRequest);
    listener.onMessage(gateRequest); // redelivery: still one gate
    gates.approve(id, "widen", ALICE, "metrics fine");
    assertThat(gates.list(GateStatus.PENDING, 10)).singleElement().satisfies(g -> assertThat(g.votes()).hasSize(1));

    start(environments("production-v1"));
    assertThat(gates.awaiting(CAROL, 10)).hasSize(1);
    assertThat(gates.awaiting(ALICE, 10)).as("alice already voted").isEmpty();
    var opened = gates.approve(id, "widen", BOB, null);

    assertThat(opened.status()).isEqualTo(GateStatus.APPROVED);
    assertThat(outboxTypes(id)).endsWith("DeploymentApproved", "GateApprovalGranted", "GateApprovalGranted",
        "GateApproved");
    assertThat(gates.list(GateStatus.PENDING, 10)).isEmpty();

    // rollout-service restarted and asks again: the decision is announced again
    listener.onMessage(rolloutRecord(id, "production", GateRequested.newBuilder().setGate("widen").setStepIndex(2)
        .setCurrentWeight(10).build()));
    assertThat(outboxTypes(id)).endsWith("GateApproved", "GateApproved");
  }

  @Test
  void aGateOfAnUnknownDeploymentIsRejectedAndUnknownGatesAre404() {
    assertThatThrownBy(() -> listener.onMessage(rolloutRecord("nobody", "production",
        GateRequested.newBuilder().setGate("widen").setStepIndex(1).setCurrentWeight(5).build())))
        .isInstanceOf(RejectedRecordException.class);
    String id = approvedInStaging();
    assertThatThrownBy(() -> gates.approve(id, "widen", BOB, null))
        .isInstanceOf(dev.tollgate.approval.gate.GateNotFoundException.class);
  }
}
