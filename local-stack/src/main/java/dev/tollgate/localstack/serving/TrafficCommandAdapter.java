package dev.tollgate.localstack.serving;

import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies traffic commands on a {@link ServingPlatform} and acknowledges each exactly once:
 * consume-transform-produce in one Kafka transaction per polled batch (the acks and the consumed
 * offsets commit together), so a crash between applying and acknowledging redelivers the command,
 * which the platform applies again without effect, and a committed ack is never sent twice.
 *
 * <p>Values are decoded here rather than by the consumer, so that an unreadable record is logged
 * with its topic, partition and offset and skipped, instead of stopping the adapter on every poll.
 * Not thread-safe: one thread runs {@link #run()} (or the tests call {@link #pollOnce}); any
 * thread may call {@link #stop()}.
 */
public final class TrafficCommandAdapter implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(TrafficCommandAdapter.class);

  static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  private final Consumer<String, byte[]> consumer;
  private final Producer<String, TrafficAck> producer;
  private final Deserializer<TrafficCommand> commands;
  private final ServingPlatform platform;
  private final TrafficAcks acks;
  private volatile boolean stopping;

  /** What one poll did. */
  public record Outcome(int acknowledged, int unreadable, boolean committed) {
    static final Outcome NOTHING = new Outcome(0, 0, true);
  }

  /**
   * @param consumer read_committed, auto-commit off, subscribed or assigned by the caller
   * @param producer transactional, {@code initTransactions()} already called
   */
  public TrafficCommandAdapter(Consumer<String, byte[]> consumer, Producer<String, TrafficAck> producer,
      Deserializer<TrafficCommand> commands, ServingPlatform platform, TrafficAcks acks) {
    this.consumer = consumer;
    this.producer = producer;
    this.commands = commands;
    this.platform = platform;
    this.acks = acks;
  }

  /** Polls until {@link #stop()}; a failed transaction is retried from the same offsets after a pause. */
  @Override
  public void run() {
    try {
      while (!stopping) {
        if (!pollOnce(POLL_TIMEOUT).committed()) {
          Thread.sleep(RETRY_BACKOFF.toMillis());
        }
      }
    } catch (WakeupException | InterruptedException e) {
      if (!stopping) {
        log.warn("Serving simulator: traffic command adapter interrupted", e);
      }
    } catch (FatalTransactionException e) {
      log.error("Serving simulator: traffic command adapter stopped; traffic commands are no longer acknowledged", e);
    }
  }

  /** Asks {@link #run()} to return soon; safe from any thread. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  /**
   * One poll: applies each command of the batch, sends its ack, and commits the acks with the
   * batch's offsets. On a failed transaction, rewinds to the batch's first offsets.
   *
   * @throws FatalTransactionException when this producer can no longer write (fenced by another
   *     adapter with the same transactional id, or the broker refuses it)
   */
  public Outcome pollOnce(Duration timeout) {
    ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
    if (records.isEmpty()) {
      return Outcome.NOTHING;
    }
    int acknowledged = 0;
    int unreadable = 0;
    try {
      producer.beginTransaction();
      for (ConsumerRecord<String, byte[]> record : records) {
        TrafficCommand command = decode(record);
        if (command == null) {
          unreadable++;
          continue;
        }
        TrafficAck ack = acknowledgement(command, record);
        if (ack == null) {
          unreadable++;
          continue;
        }
        producer.send(new ProducerRecord<>(Topics.TRAFFIC_ACKS.name(), command.getEnvelope().getModelName(), ack));
        acknowledged++;
        log.info("Serving simulator: {} traffic command {}: {}", ack.getApplied() ? "applied" : "REFUSED",
            command.getCommandId(), ack.getMessage());
      }
      producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
      producer.commitTransaction();
      return new Outcome(acknowledged, unreadable, true);
    } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
        | AuthorizationException | UnsupportedVersionException e) {
      throw new FatalTransactionException(e);
    } catch (KafkaException e) {
      log.warn("Serving simulator: acknowledging {} traffic command(s) failed, retrying them: {}", records.count(),
          e.toString());
      abortQuietly();
      rewind(records);
      return new Outcome(0, 0, false);
    }
  }

  /** The command's ack; null (logged) when the command lacks what an ack needs. */
  private TrafficAck acknowledgement(TrafficCommand command, ConsumerRecord<String, byte[]> record) {
    SplitResult result = apply(command);
    try {
      return acks.ack(command, result);
    } catch (RuntimeException e) {
      log.warn("Serving simulator: cannot acknowledge the traffic command at {}-{} offset {}: {}", record.topic(),
          record.partition(), record.offset(), e.getMessage());
      return null;
    }
  }

  private SplitResult apply(TrafficCommand command) {
    TrafficSplit split = TrafficAcks.split(command);
    try {
      return platform.apply(split);
    } catch (RuntimeException e) {
      log.warn("Serving simulator: the platform failed on command {}", command.getCommandId(), e);
      return SplitResult.refused("the serving platform failed: " + e.getMessage(), List.of());
    }
  }

  private TrafficCommand decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      log.warn("Serving simulator: skipping an empty record at {}-{} offset {}", record.topic(), record.partition(),
          record.offset());
      return null;
    }
    try {
      return commands.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      log.warn("Serving simulator: skipping an unreadable traffic command at {}-{} offset {}: {}", record.topic(),
          record.partition(), record.offset(), e.getMessage());
      return null;
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
      offsets.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private void rewind(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      consumer.seek(partition, records.records(partition).get(0).offset());
    }
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      log.debug("Serving simulator: abort after a failed transaction failed too", e);
    }
  }

  /** The producer cannot be used any more; the adapter must be rebuilt. */
  public static final class FatalTransactionException extends RuntimeException {
    FatalTransactionException(KafkaException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
