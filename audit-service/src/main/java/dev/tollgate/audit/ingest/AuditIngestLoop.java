package dev.tollgate.audit.ingest;

import dev.tollgate.schemas.topic.Topic;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The ingest thread: polls every lifecycle topic and hands each batch to the {@link BatchAppender}.
 * Offsets are never committed to Kafka: the database holds them, and on assignment the consumer
 * seeks to them. When a batch fails (database or broker down), its partitions are paused — the
 * consumer keeps polling so it stays in the group — and, once the stored positions can be read
 * again, rewound to them and resumed, so nothing polled after a failed batch is ever appended out
 * of order.
 */
public class AuditIngestLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditIngestLoop.class);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final BatchAppender appender;
  private final IngestState state;
  private final IngestProperties properties;
  private final List<String> topics = Topics.LIFECYCLE.stream().map(Topic::name).toList();

  private volatile boolean running;
  private volatile Consumer<byte[], byte[]> consumer;
  private volatile CountDownLatch stopped = new CountDownLatch(0);
  private volatile CountDownLatch sleeper = new CountDownLatch(1);
  private Thread thread;
  private boolean rewindNeeded;

  public AuditIngestLoop(Supplier<Consumer<byte[], byte[]>> consumers, BatchAppender appender, IngestState state,
      IngestProperties properties) {
    this.consumers = consumers;
    this.appender = appender;
    this.state = state;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    stopped = new CountDownLatch(1);
    sleeper = new CountDownLatch(1);
    state.starting();
    thread = new Thread(this::run, "audit-ingest");
    thread.start();
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    sleeper.countDown();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        log.warn("Audit ingest thread did not stop within 30s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    try (Consumer<byte[], byte[]> c = consumers.get()) {
      consumer = c;
      c.subscribe(topics, new Rebalance(c));
      log.info("Audit ingest subscribed to {}", topics);
      Duration backoff = properties.retryBackoff();
      while (running) {
        try {
          if (rewindNeeded) {
            rewind(c);
          }
          ConsumerRecords<byte[], byte[]> records = c.poll(properties.pollTimeout());
          state.running();
          if (!records.isEmpty()) {
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
            records.forEach(batch::add);
            BatchAppender.BatchResult result = appender.append(batch);
            state.batchCommitted(result.appended() + result.unreadable() + result.duplicates());
            log.debug("Audit batch: {}", result);
          }
          backoff = properties.retryBackoff();
        } catch (WakeupException e) {
          // stop() woke us; the loop condition ends it
        } catch (RuntimeException e) {
          if (!running) {
            break;
          }
          log.error("Audit ingest batch failed; pausing, then resuming from the stored offsets in {}", backoff, e);
          state.retrying(e);
          rewindNeeded = true;
          pauseAll(c);
          pause(backoff);
          backoff = backoff.multipliedBy(2).compareTo(properties.maxRetryBackoff()) > 0
              ? properties.maxRetryBackoff() : backoff.multipliedBy(2);
        }
      }
    } catch (RuntimeException e) {
      log.error("Audit ingest stopped: the consumer could not be created or closed", e);
      state.retrying(e);
    } finally {
      consumer = null;
      running = false;
      state.stopped();
      stopped.countDown();
      log.info("Audit ingest stopped");
    }
  }

  /** Seeks every assigned partition to its stored position and resumes it. */
  private void rewind(Consumer<byte[], byte[]> c) {
    Set<TopicPartition> assigned = c.assignment();
    seek(c, appender.resume(assigned));
    c.resume(assigned);
    rewindNeeded = false;
    log.info("Audit ingest resumed {} partitions from the stored offsets", assigned.size());
  }

  private static void seek(Consumer<byte[], byte[]> c, Map<TopicPartition, OptionalLong> positions) {
    List<TopicPartition> fromStart = new ArrayList<>();
    positions.forEach((tp, next) -> {
      if (next.isPresent()) {
        c.seek(tp, next.getAsLong());
      } else {
        fromStart.add(tp);
      }
    });
    if (!fromStart.isEmpty()) {
      c.seekToBeginning(fromStart);
    }
  }

  private static void pauseAll(Consumer<byte[], byte[]> c) {
    try {
      c.pause(c.assignment());
    } catch (RuntimeException e) {
      log.debug("Could not pause partitions", e);
    }
  }

  private void pause(Duration duration) {
    try {
      // the latch is released by stop(), so a stop never waits out a backoff
      sleeper.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Seeks newly assigned partitions to the offsets stored with the trail; forgets revoked ones. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> c;

    Rebalance(Consumer<byte[], byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      state.joined();
      if (partitions.isEmpty()) {
        return;
      }
      try {
        Map<TopicPartition, OptionalLong> positions = appender.resume(partitions);
        seek(c, positions);
        log.info("Audit ingest assigned {}; resuming at {}", partitions, positions);
      } catch (RuntimeException e) {
        // no position, no reading: hold the partitions until the database answers again
        log.error("Could not read the stored offsets of {}; holding them", partitions, e);
        c.pause(partitions);
        rewindNeeded = true;
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      appender.forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      appender.forget(partitions);
    }
  }
}
