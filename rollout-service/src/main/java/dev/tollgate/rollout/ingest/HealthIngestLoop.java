package dev.tollgate.rollout.ingest;

import dev.tollgate.events.HealthSample;
import dev.tollgate.events.HealthSampleBatch;
import dev.tollgate.rollout.samples.BatchWriter;
import dev.tollgate.rollout.samples.SampleBatcher;
import dev.tollgate.rollout.samples.SampleReader;
import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.registry.SchemaRegistryException;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer and one transactional producer: reads health samples, regroups them per lane
 * ({@link SampleBatcher}) and, every {@code flushInterval}, writes the batches, the dead letters of
 * unreadable samples and the consumed offsets in one transaction. A crash before the commit loses the
 * transaction and the offsets with it, so the samples are read again: none lost, none counted twice.
 *
 * <p>The transaction is written and committed on a second thread while this one reads on into the
 * next: a commit waits on the broker for milliseconds each time, which the reading thread would
 * otherwise spend idle. At most one transaction is in flight; the next flush waits for it, and a
 * failed one fails the loop.
 *
 * <p>Runs until {@link #stop()} or until a client fails; the caller ({@link HealthIngest}) then
 * {@linkplain #close() closes} it and starts a new loop with new clients, which resumes from the
 * committed offsets.
 */
final class HealthIngestLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HealthIngestLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final SampleReader samples;
  private final Serializer<String> keys;
  private final BatchWriter batches;
  private final HealthIngestProperties properties;
  private final IngestCounts counts;
  private final Clock clock;
  private final SampleBatcher batcher;
  private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> consumed = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean polling;
  private long pendingSince;
  private final ExecutorService committer;
  private Future<?> inFlight = CompletableFuture.completedFuture(null);

  HealthIngestLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
      Deserializer<HealthSample> samples, Serializer<String> keys, Serializer<HealthSampleBatch> batches,
      HealthIngestProperties properties, IngestCounts counts, Clock clock) {
    this.consumer = consumer;
    this.producer = producer;
    this.samples = new SampleReader(samples);
    this.keys = keys;
    this.batches = new BatchWriter(batches);
    this.properties = properties;
    this.counts = counts;
    this.clock = clock;
    this.batcher = new SampleBatcher(properties.maxBatchSamples());
    this.committer = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, Thread.currentThread().getName() + "-commit");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Polls, batches and commits until stopped; commits what it has read before returning normally. */
  void run() {
    producer.initTransactions();
    consumer.subscribe(List.of(Topics.HEALTH_SAMPLES.name()), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // another instance takes these over from the committed offsets: commit what was read of them
        flushAndWait();
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // no longer ours, not even to commit: the new owner reads them again
        awaitInFlightQuietly();
        discard();
      }
    });
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
        polling = true;
        for (ConsumerRecord<byte[], byte[]> record : records) {
          read(record);
        }
        consumedUpTo(records);
        if (flushDue()) {
          flush();
        }
      }
    } catch (WakeupException stopping) {
      if (running) {
        throw stopping;
      }
    }
    flushAndWait();
  }

  /** Stops the commit thread; an unfinished transaction is left to the broker (the next loop aborts it). */
  @Override
  public void close() {
    committer.shutdownNow();
    try {
      committer.awaitTermination(properties.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** True once a poll has returned: the clients reached the broker. */
  boolean polling() {
    return polling;
  }

  /** Makes {@link #run()} return after committing what it has read. Any thread. */
  void stop() {
    running = false;
    consumer.wakeup();
  }

  private void read(ConsumerRecord<byte[], byte[]> record) {
    Exception unreadable = null;
    try {
      samples.readInto(record.topic(), record.value(), batcher);
    } catch (SchemaRegistryException unreachable) {
      // the record may be fine: fail, and read it again once the registry answers
      throw unreachable;
    } catch (RuntimeException e) {
      unreadable = e;
    }
    if (unreadable != null) {
      log.warn("Unreadable health sample on {} partition {} offset {} ({}: {}); sending it to {}", record.topic(),
          record.partition(), record.offset(), DeadLetter.reasonOf(unreadable), unreadable.getMessage(),
          Topics.ROLLOUT_SERVICE_DEAD_LETTERS.name());
      deadLetters.add(DeadLetter.record(Topics.ROLLOUT_SERVICE_DEAD_LETTERS, HealthIngest.CONSUMER, record.topic(),
          record.partition(), record.offset(), record.key(), record.value(), unreadable, clock.instant()));
    }
  }

  /** Remembers, per partition, the offset after the last record of the poll: what a commit covers. */
  private void consumedUpTo(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    if (consumed.isEmpty()) {
      pendingSince = System.nanoTime();
    }
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> ofPartition = records.records(partition);
      consumed.put(partition, new OffsetAndMetadata(ofPartition.get(ofPartition.size() - 1).offset() + 1));
    }
  }

  private boolean flushDue() {
    return !consumed.isEmpty()
        && (System.nanoTime() - pendingSince >= properties.flushInterval().toNanos()
            || batcher.size() >= properties.maxPendingSamples());
  }

  private Duration pollTimeout() {
    if (consumed.isEmpty()) {
      return properties.flushInterval();
    }
    long left = properties.flushInterval().toNanos() - (System.nanoTime() - pendingSince);
    return Duration.ofNanos(Math.max(0, left));
  }

  /**
   * Hands the batches, dead letters and offsets read so far to the commit thread as one
   * transaction, once the one before it has committed; nothing pending afterwards.
   */
  private void flush() {
    if (consumed.isEmpty()) {
      return;
    }
    awaitInFlight();
    int sampleCount = batcher.size();
    List<HealthSampleBatch> ready = batcher.drain();
    List<ProducerRecord<byte[], byte[]>> letters = List.copyOf(deadLetters);
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(consumed);
    ConsumerGroupMetadata group = consumer.groupMetadata();
    deadLetters.clear();
    consumed.clear();
    inFlight = committer.submit(() -> commit(ready, letters, offsets, group, sampleCount));
  }

  private void flushAndWait() {
    flush();
    awaitInFlight();
  }

  /** On the commit thread. */
  private void commit(List<HealthSampleBatch> ready, List<ProducerRecord<byte[], byte[]>> letters,
      Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group, int sampleCount) {
    producer.beginTransaction();
    String topic = Topics.HEALTH_SAMPLE_BATCHES.name();
    for (HealthSampleBatch batch : ready) {
      producer.send(new ProducerRecord<>(topic, keys.serialize(topic, batch.getModelName()),
          batches.write(topic, batch)));
    }
    letters.forEach(producer::send);
    producer.sendOffsetsToTransaction(offsets, group);
    producer.commitTransaction();
    counts.committed(sampleCount, ready.size(), letters.size());
  }

  /** Waits for the transaction in flight; its failure is this loop's. */
  private void awaitInFlight() {
    try {
      inFlight.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure
          : new KafkaException("committing health sample batches failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
  }

  private void awaitInFlightQuietly() {
    try {
      awaitInFlight();
    } catch (RuntimeException ignored) {
      // the partitions are gone either way; a failed commit only means they are read again
    }
  }

  private void discard() {
    batcher.clear();
    deadLetters.clear();
    consumed.clear();
  }
}
