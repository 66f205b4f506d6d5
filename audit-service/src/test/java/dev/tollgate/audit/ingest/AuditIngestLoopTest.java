package dev.tollgate.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tollgate.audit.support.Events;
import dev.tollgate.audit.support.TestDatabase;
import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingest thread over a MockConsumer and a real database: subscription, seek on assignment, retry, stop. */
class AuditIngestLoopTest {

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final TopicPartition APPROVALS_0 = new TopicPartition(Topics.APPROVALS.name(), 0);
  private static final TopicPartition ROLLOUTS_0 = new TopicPartition(Topics.ROLLOUTS.name(), 0);
  @RegisterExtension
  static final TestDatabase db = new TestDatabase();

  private final Events events = new Events();
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> dlt =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final IngestState state = new IngestState(Clock.systemUTC());
  private BatchAppender appender;
  private AuditIngestLoop loop;

  @BeforeEach
  void setUp() {
    db.truncate();
    appender = new BatchAppender(new TrailStore(db.jdbc()), db.transactions(), new RecordDecoder(events.serdeConfig()),
        new DeadLetterPublisher(dlt, Duration.ofSeconds(5)), new IngestMetrics(new SimpleMeterRegistry()),
        Clock.systemUTC());
    loop = loop(Duration.ofMillis(50));
  }

  private AuditIngestLoop loop(Duration retryBackoff) {
    IngestProperties properties = new IngestProperties(true, "audit-service", Duration.ofMillis(20),
        retryBackoff, retryBackoff.multipliedBy(4), Duration.ofSeconds(5), 1);
    return new AuditIngestLoop(() -> consumer, appender, state, properties);
  }

  @AfterEach
  void tearDown() {
    loop.stop();
  }

  @Test
  void subscribesToEveryLifecycleTopicAndResumesFromTheStoredOffsets() {
    // offsets 0..2 of approvals-0 are already in the trail from an earlier run
    appender.append(List.of(granted(0), granted(1), granted(2)));
    consumer.updateBeginningOffsets(Map.of(APPROVALS_0, 0L, ROLLOUTS_0, 0L));
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(APPROVALS_0, ROLLOUTS_0));
      List.of(granted(0), granted(1), granted(2), granted(3), granted(4)).forEach(consumer::addRecord);
    });

    loop.start();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(db.jdbc().queryForList("SELECT kafka_offset FROM audit_event ORDER BY chain_seq", Long.class))
            .containsExactly(0L, 1L, 2L, 3L, 4L));
    assertThat(consumer.subscription()).containsExactlyInAnyOrderElementsOf(
        Topics.LIFECYCLE.stream().map(Topic::name).toList());
    assertThat(state.snapshot().status()).isEqualTo(IngestState.Status.RUNNING);
    assertThat(new IngestHealthIndicator(state).health().getStatus().getCode()).isEqualTo("UP");
  }

  @Test
  void aFailedBatchPausesRetriesFromTheStoredOffsetsAndRecovers() {
    loop = loop(Duration.ofSeconds(1)); // long enough to observe the RETRYING state
    dlt.sendException = new KafkaException("dead-letter topic unavailable");
    consumer.updateBeginningOffsets(Map.of(ROLLOUTS_0, 0L));
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(ROLLOUTS_0));
      consumer.addRecord(Events.raw(Topics.ROLLOUTS, 0, 0, new byte[] {7}));
    });

    loop.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> state.snapshot().status() == IngestState.Status.RETRYING);
    assertThat(new IngestHealthIndicator(state).health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM unreadable_record", Long.class)).isZero();

    // the broker is back; the consumer re-reads from the stored position (nothing stored: the beginning)
    consumer.schedulePollTask(() -> {
      dlt.sendException = null; // on the ingest thread, so the producer sees it
      consumer.addRecord(Events.raw(Topics.ROLLOUTS, 0, 0, new byte[] {7}));
    });

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM unreadable_record", Long.class)).isEqualTo(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> state.snapshot().status() == IngestState.Status.RUNNING);
    assertThat(consumer.paused()).isEmpty();
    assertThat(dlt.history()).hasSize(1);
  }

  @Test
  void stopWakesThePollAndClosesTheConsumer() {
    loop.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> !consumer.subscription().isEmpty());

    loop.stop();

    assertThat(loop.isRunning()).isFalse();
    assertThat(consumer.closed()).isTrue();
    assertThat(state.snapshot().status()).isEqualTo(IngestState.Status.STOPPED);
  }

  private ConsumerRecord<byte[], byte[]> granted(long offset) {
    return events.record(Topics.APPROVALS, 0, offset,
        Events.granted(Events.envelope("e-" + offset, T0.plusSeconds(offset), "dep-1", "1.4.0")));
  }
}
