package dev.tollgate.audit.checkpoint;

import dev.tollgate.audit.chain.CheckpointStatement;
import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.events.AuditCheckpoint;
import dev.tollgate.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes stored checkpoints to the audit-checkpoint topic (key = chain id), outbox style: a
 * checkpoint is marked published only after the broker acknowledged it, so none is lost; a crash
 * in between publishes it again (at-least-once — readers dedupe by chainId and sequence, which a
 * checkpoint never repeats with other content). The copies on the topic are kept outside the
 * database, so a database rewrite cannot reach them.
 */
public class CheckpointPublisher {

  static final int BATCH = 500;

  private final Producer<String, AuditCheckpoint> producer;
  private final CheckpointStore store;
  private final Duration timeout;
  private final Clock clock;

  public CheckpointPublisher(Producer<String, AuditCheckpoint> producer, CheckpointStore store, Duration timeout,
      Clock clock) {
    this.producer = producer;
    this.store = store;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** Publishes every unpublished checkpoint; returns how many. Throws when the broker does not acknowledge. */
  public int publishPending() {
    int published = 0;
    List<SignedCheckpoint> batch;
    do {
      batch = store.unpublished(BATCH);
      List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
      for (SignedCheckpoint checkpoint : batch) {
        acks.add(producer.send(new ProducerRecord<>(Topics.AUDIT_CHECKPOINTS.name(), checkpoint.chainId(),
            toAvro(checkpoint))));
      }
      producer.flush();
      for (int i = 0; i < batch.size(); i++) {
        await(acks.get(i));
        store.markPublished(batch.get(i), clock.instant());
        published++;
      }
    } while (batch.size() == BATCH);
    return published;
  }

  static AuditCheckpoint toAvro(SignedCheckpoint checkpoint) {
    CheckpointStatement s = checkpoint.statement();
    return AuditCheckpoint.newBuilder()
        .setChainId(s.chainId())
        .setSequence(s.seq())
        .setHeadHash(s.headHash().hex())
        .setEventCount(s.eventCount())
        .setSignedAt(s.signedAt())
        .setKeyId(s.keyId())
        .setSignature(ByteBuffer.wrap(checkpoint.signature()))
        .build();
  }

  private void await(Future<RecordMetadata> ack) {
    try {
      ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while waiting for a checkpoint to be acknowledged", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("checkpoint was not acknowledged: " + e.getMessage(), e);
    }
  }
}
