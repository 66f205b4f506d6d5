package dev.tollgate.approval.deployment;

import static dev.tollgate.approval.support.Fixtures.ALICE;
import static dev.tollgate.approval.support.Fixtures.BOB;
import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.DAVE;
import static dev.tollgate.approval.support.Fixtures.ENVIRONMENTS;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.approval.deployment.domain.Deployment;
import dev.tollgate.approval.deployment.domain.DeploymentRequest;
import dev.tollgate.approval.deployment.domain.DeploymentStatus;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.deployment.domain.Refusal;
import dev.tollgate.approval.outbox.OutboxStore;
import dev.tollgate.approval.support.Fixtures;
import dev.tollgate.approval.support.MutableClock;
import dev.tollgate.approval.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Intake, decisions and the outbox against a real PostgreSQL. */
class DeploymentPersistenceTest {

  static TestDatabase db;

  final MutableClock clock = new MutableClock(java.time.Instant.parse("2025-01-15T10:00:00Z"));
  JdbcDeploymentStore store;
  DeploymentIntake intake;
  DeploymentDecisions decisions;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    db.close();
  }

  @BeforeEach
  void setUp() {
    db.clear();
    store = new JdbcDeploymentStore(db.jdbc(), JsonMapper.builder().build());
    OutboxStore outbox = new OutboxStore(db.jdbc());
    intake = new DeploymentIntake(store, outbox, ENVIRONMENTS, db.transactions(), clock);
    decisions = new DeploymentDecisions(store, outbox, ENVIRONMENTS, db.transactions(), clock);
  }

  List<String> outboxTypes() {
    return db.jdbc().sql("SELECT event_type FROM outbox ORDER BY id").query(String.class).list();
  }

  @Test
  void storesTheRequestAndItsEventsTogether() {
    var outcome = intake.submit(request("staging", "key-1"), CI, Intake.rest(), null);

    assertThat(outcome).isInstanceOf(DeploymentIntake.Outcome.Created.class);
    Deployment stored = store.find(outcome.deployment().id()).orElseThrow();
    assertThat(stored.request()).isEqualTo(request("staging", "key-1"));
    assertThat(stored.strategy()).isEqualTo(Fixtures.CANARY);
    assertThat(stored.requestedAt()).isEqualTo(outcome.deployment().requestedAt());
    assertThat(stored.requestEventId()).isEqualTo(outcome.deployment().requestEventId());
    assertThat(outboxTypes()).containsExactly("DeploymentRequested", "ApprovalRequested");
    assertThat(db.jdbc().sql("SELECT DISTINCT record_key FROM outbox").query(String.class).list())
        .containsExactly("fraud-detector");
  }

  @Test
  void sameIdempotencyKeyIsTheSameDeploymentAndAnotherArtifactUnderItIsAConflict() {
    var first = intake.submit(request("staging", "key-1"), CI, Intake.rest(), null);
    var again = intake.submit(request("staging", "key-1"), CI, Intake.rest(), null);

    assertThat(again).isInstanceOf(DeploymentIntake.Outcome.Existing.class);
    assertThat(again.deployment().id()).isEqualTo(first.deployment().id());
    assertThat(outboxTypes()).hasSize(2);

    DeploymentRequest other = request("fraud-detector", "1.5.0", "staging", "key-1");
    assertThatThrownBy(() -> intake.submit(other, CI, Intake.rest(), null))
        .isInstanceOf(RequestConflictException.class)
        .hasMessageContaining("key-1");
  }

  @Test
  void concurrentDuplicateSubmissionsConvergeOnOneDeployment() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<DeploymentIntake.Outcome>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return intake.submit(request("production", "race-key"), CI, Intake.rest(), null);
        }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<DeploymentIntake.Outcome> outcomes = new ArrayList<>();
      for (Future<DeploymentIntake.Outcome> result : results) {
        outcomes.add(result.get(30, TimeUnit.SECONDS));
      }
      assertThat(outcomes).extracting(o -> o.deployment().id()).containsOnly(outcomes.get(0).deployment().id());
      assertThat(outcomes).filteredOn(o -> o instanceof DeploymentIntake.Outcome.Created).hasSize(1);
      assertThat(db.jdbc().sql("SELECT count(*) FROM deployment").query(Long.class).single()).isEqualTo(1);
      assertThat(outboxTypes()).containsExactly("DeploymentRequested", "ApprovalRequested");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void topicIntakeRecognisesOurOwnPublishedRequest() {
    var rest = intake.submit(request("staging", null), CI, Intake.rest(), null);
    Deployment created = rest.deployment();

    // our DeploymentRequested comes back from the topic: same deployment id and request event id
    var echoed = intake.submit(request("staging", created.requestEventId()), CI,
        Intake.topic(created.requestEventId()), created.id());

    assertThat(echoed).isInstanceOf(DeploymentIntake.Outcome.Existing.class);
    assertThat(echoed.deployment().id()).isEqualTo(created.id());
    assertThat(outboxTypes()).containsExactly("DeploymentRequested", "ApprovalRequested");
  }

  @Test
  void topicIntakeWithCiChosenIdDoesNotRepublishTheRequest() {
    var outcome = intake.submit(request("staging", "evt-1"), CI, Intake.topic("evt-1"), "ci-42");

    assertThat(outcome.deployment().id()).isEqualTo("ci-42");
    assertThat(outboxTypes()).containsExactly("ApprovalRequested");
    assertThatThrownBy(() -> intake.submit(request("other-model", "1.0", "staging", "evt-2"), CI,
        Intake.topic("evt-2"), "ci-42")).isInstanceOf(RequestConflictException.class);
  }

  @Test
  void unknownEnvironmentIsRefusedBeforeAnythingIsStored() {
    assertThatThrownBy(() -> intake.submit(request("moon", null), CI, Intake.rest(), null))
        .isInstanceOf(UnknownEnvironmentException.class)
        .hasMessageContaining("production, staging");
    assertThat(outboxTypes()).isEmpty();
  }

  @Test
  void productionApprovalsPersistAndEmitInOrder() {
    String id = intake.submit(request("production", null), CI, Intake.rest(), null).deployment().id();

    decisions.approve(id, ALICE, "model metrics fine");
    Deployment approved = decisions.approve(id, BOB, null);

    assertThat(approved.status()).isEqualTo(DeploymentStatus.APPROVED);
    Deployment stored = store.find(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeploymentStatus.APPROVED);
    assertThat(stored.approvals()).extracting(a -> a.actor().name(), a -> a.actor().groups(), a -> a.comment())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", java.util.Set.of("ml-lead"), "model metrics fine"),
            org.assertj.core.groups.Tuple.tuple("bob", java.util.Set.of("sre"), null));
    assertThat(outboxTypes()).containsExactly("DeploymentRequested", "ApprovalRequested", "ApprovalGranted",
        "ApprovalGranted", "DeploymentApproved");
  }

  @Test
  void refusedDecisionsChangeNothing() {
    String id = intake.submit(request("staging", null), CI, Intake.rest(), null).deployment().id();

    assertThatThrownBy(() -> decisions.approve(id, DAVE, null))
        .isInstanceOfSatisfying(DecisionRefusedException.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.SelfApproval.class));
    decisions.reject(id, ALICE, "wrong artifact");
    assertThatThrownBy(() -> decisions.approve(id, BOB, null))
        .isInstanceOfSatisfying(DecisionRefusedException.class,
            e -> assertThat(e.refusal()).isInstanceOf(Refusal.AlreadyDecided.class));
    assertThatThrownBy(() -> decisions.approve("nope", BOB, null)).isInstanceOf(DeploymentNotFoundException.class);

    assertThat(store.find(id).orElseThrow().status()).isEqualTo(DeploymentStatus.REJECTED);
    assertThat(outboxTypes()).containsExactly("DeploymentRequested", "ApprovalRequested", "ApprovalRejected",
        "DeploymentRejected");
  }

  @Test
  void listsByStatusNewestFirst() {
    String older = intake.submit(request("m1", "1", "staging", null), CI, Intake.rest(), null).deployment().id();
    clock.advance(java.time.Duration.ofSeconds(1));
    String newer = intake.submit(request("m2", "1", "staging", null), CI, Intake.rest(), null).deployment().id();
    String approved = intake.submit(request("m3", "1", "staging", null), CI, Intake.rest(), null).deployment().id();
    decisions.approve(approved, ALICE, null);

    assertThat(store.list(DeploymentStatus.PENDING_APPROVAL, 10)).extracting(Deployment::id)
        .containsExactly(newer, older);
    assertThat(store.list(null, 10)).hasSize(3);
  }

  @Test
  void aListCarriesEachDeploymentsOwnDecisionsInOrderAndItsLimitCountsDeployments() {
    String first = intake.submit(request("m1", "1", "production", null), CI, Intake.rest(), null).deployment().id();
    clock.advance(java.time.Duration.ofSeconds(1));
    String second = intake.submit(request("m2", "1", "production", null), CI, Intake.rest(), null).deployment().id();
    clock.advance(java.time.Duration.ofSeconds(1));
    String third = intake.submit(request("m3", "1", "production", null), CI, Intake.rest(), null).deployment().id();
    decisions.comment(first, BOB, "looking");
    decisions.approve(first, ALICE, "fine");
    decisions.comment(second, ALICE, "why now?");
    decisions.approve(second, BOB, null);

    List<Deployment> listed = store.list(DeploymentStatus.PENDING_APPROVAL, 2);

    assertThat(listed).extracting(Deployment::id).containsExactly(third, second);
    assertThat(listed.get(0).decisions()).isEmpty();
    assertThat(listed.get(1).decisions()).extracting(d -> d.actor().name()).containsExactly("alice", "bob");
    assertThat(store.findForUpdate(first).orElseThrow().decisions())
        .extracting(d -> d.getClass().getSimpleName() + ":" + d.actor().name())
        .containsExactly("Comment:bob", "Approval:alice");
  }
}
