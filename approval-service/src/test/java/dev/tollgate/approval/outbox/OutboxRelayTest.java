package dev.tollgate.approval.outbox;

import static dev.tollgate.approval.support.Fixtures.CI;
import static dev.tollgate.approval.support.Fixtures.ENVIRONMENTS;
import static dev.tollgate.approval.support.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tollgate.approval.deployment.DeploymentIntake;
import dev.tollgate.approval.deployment.JdbcDeploymentStore;
import dev.tollgate.approval.deployment.domain.Intake;
import dev.tollgate.approval.events.OutboundEvent;
import dev.tollgate.approval.support.TestDatabase;
import dev.tollgate.events.ApprovalEvent;
import dev.tollgate.events.ApprovalRequested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OutboxRelayTest {

  static TestDatabase db;

  final List<OutboxMessage> published = new CopyOnWriteArrayList<>();
  final AtomicBoolean kafkaDown = new AtomicBoolean();
  final OutboxPublisher publisher = batch -> {
    if (kafkaDown.get()) {
      throw new IllegalStateException("broker unavailable");
    }
    published.addAll(batch);
  };
  OutboxStore outbox;
  DeploymentIntake intake;

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
    outbox = new OutboxStore(db.jdbc());
    intake = new DeploymentIntake(new JdbcDeploymentStore(db.jdbc(), JsonMapper.builder().build()), outbox,
        ENVIRONMENTS, db.transactions(), Clock.systemUTC());
  }

  OutboxRelay relay(int batchSize, Duration pollInterval) {
    return new OutboxRelay(outbox, publisher, db.transactions(), Clock.systemUTC(), batchSize, pollInterval,
        Duration.ofDays(7));
  }

  @Test
  void publishesInOrderInBatchesAndMarksSent() {
    for (int i = 0; i < 3; i++) {
      intake.submit(request("model-" + i, "1.0", "staging", null), CI, Intake.rest(), null);
    }

    int count = relay(4, Duration.ofHours(1)).drain();

    assertThat(count).isEqualTo(6);
    assertThat(published).extracting(OutboxMessage::id).isSorted().hasSize(6);
    assertThat(published).extracting(OutboxMessage::key)
        .containsExactly("model-0", "model-0", "model-1", "model-1", "model-2", "model-2");
    assertThat(outbox.pendingCount()).isZero();
    assertThat(relay(4, Duration.ofHours(1)).drain()).isZero();
  }

  @Test
  void aFailedPublishMarksNothingAndTheSameEventsGoOutLater() {
    intake.submit(request("staging", null), CI, Intake.rest(), null);
    kafkaDown.set(true);

    assertThatThrownBy(() -> relay(10, Duration.ofHours(1)).drain()).hasMessageContaining("broker unavailable");
    assertThat(outbox.pendingCount()).isEqualTo(2);

    kafkaDown.set(false);
    assertThat(relay(10, Duration.ofHours(1)).drain()).isEqualTo(2);
    assertThat(published).extracting(OutboxMessage::eventType)
        .containsExactly("DeploymentRequested", "ApprovalRequested");
  }

  @Test
  void aCommitWakesTheRunningRelay() {
    OutboxRelay relay = relay(10, Duration.ofHours(1));
    relay.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> outbox.pendingCount() == 0);
      intake.submit(request("staging", null), CI, Intake.rest(), null);
      await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
      assertThat(outbox.pendingCount()).isZero();
    } finally {
      relay.stop();
    }
  }

  @Test
  void aSecondRelayReadsNothingWhileAnotherHoldsTheRelayLock() throws Exception {
    intake.submit(request("staging", null), CI, Intake.rest(), null);
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<List<OutboxMessage>> firstRead = new AtomicReference<>();
    Thread first = new Thread(() -> db.transactions().executeWithoutResult(status -> {
      firstRead.set(outbox.lockPending(10));
      locked.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    first.start();
    try {
      assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(firstRead.get()).hasSize(2);
      List<OutboxMessage> secondRead = db.transactions().execute(status -> outbox.lockPending(10));
      assertThat(secondRead).isEmpty();
    } finally {
      release.countDown();
      first.join(10_000);
    }
    // the lock is the transaction's: once it ended, the next relay reads the events again
    List<OutboxMessage> afterwards = db.transactions().execute(status -> outbox.lockPending(10));
    assertThat(afterwards).hasSize(2);
  }

  @Test
  void appendsOutsideATransactionAreRefused() {
    var event = new OutboundEvent(dev.tollgate.schemas.topic.Topics.APPROVALS, "m", ApprovalEvent.newBuilder()
        .setEnvelope(dev.tollgate.events.Envelope.newBuilder().setEventId("e").setOccurredAt(Instant.now())
            .setActor("a").setModelName("m").setModelVersion("1").setEnvironment("staging").build())
        .setPayload(ApprovalRequested.newBuilder().setArtifactDigest("d").setPolicyVersion("v")
            .setStrategy(dev.tollgate.approval.events.AvroValues.strategy(dev.tollgate.approval.support.Fixtures.CANARY))
            .setProfile(dev.tollgate.approval.events.AvroValues.profile(request("staging", null).profile()))
            .setRequestedBy("a").build())
        .build(), "e", "ApprovalRequested");
    assertThatThrownBy(() -> outbox.append(event, "d", Instant.now())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void payloadsDecodeBackToTheEvents() {
    intake.submit(request("staging", "k"), CI, Intake.rest(), null);
    relay(10, Duration.ofHours(1)).drain();

    ApprovalEvent event = AvroBinary.decode(ApprovalEvent.class, published.get(1).payload());
    assertThat(event.getEnvelope().getEventId()).isEqualTo(published.get(1).eventId());
    assertThat(event.getPayload()).isInstanceOf(ApprovalRequested.class);
  }
}
