package dev.tollgate.audit.ingest;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.SourcePosition;
import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends one polled batch to the trail, exactly once. The batch's partitions are split into up to
 * {@code writers} shards, written side by side, each on its own connection. Per shard: decode every
 * record (outside the database transaction, since it may call the registry); send and flush the
 * dead letters; then, in ONE PostgreSQL transaction, append every record as a chain link (an event
 * row or an unreadable row) and advance each partition's stored offset and chain head. Either all
 * of a shard commits or none of it does, so a restart resumes at the stored offsets with no
 * duplicate and no gap.
 *
 * <p>Why shards: one PostgreSQL backend runs on one core, and inserting a row with its indexes is
 * most of an event's cost; two writers let the database use both cores of a small machine. A
 * partition is in one shard only, so each chain still has a single writer and stays in order.
 *
 * <p>Single writer per chain: the consumer group assigns a partition to one consumer at a time,
 * so the chain head of a partition is read from the database once (on assignment) and then kept
 * in memory. A zombie consumer that still thinks it owns the partition cannot fork the chain: the
 * position update is a compare-and-set, which fails and rolls the shard back.
 *
 * <p>When a shard fails, {@link #append} waits for the others and then throws: their commits
 * stand, the failed shard's partitions are forgotten, and the caller resumes every partition from
 * its stored offset. That is also how an event id sent to two partitions of two shards at once is
 * caught: neither finds the other's copy, the unique index lets one commit and fails the other,
 * which is written again at once, looking its ids up, and records a duplicate link.
 *
 * <p>Records at offsets below the stored position are skipped (a replayed batch writes nothing).
 */
public class BatchAppender {

  static final String CONSUMER_NAME = "audit-service";
  static final String DUPLICATE_EVENT_ID = "duplicate-event-id";

  private static final Logger log = LoggerFactory.getLogger(BatchAppender.class);

  private final TrailStore store;
  private final TransactionTemplate transactions;
  private final RecordDecoder decoder;
  private final DeadLetterPublisher deadLetters;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final int writers;
  private final Executor extraWriters;
  private final Map<TopicPartition, StoredPosition> positions = new ConcurrentHashMap<>();

  /** One writer: every batch is one transaction. */
  public BatchAppender(TrailStore store, TransactionTemplate transactions, RecordDecoder decoder,
      DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock) {
    this(store, transactions, decoder, deadLetters, metrics, clock, 1, Runnable::run);
  }

  /**
   * Up to {@code writers} shards per batch: the calling thread writes the first, {@code extraWriters}
   * (which needs {@code writers - 1} threads) the others.
   */
  public BatchAppender(TrailStore store, TransactionTemplate transactions, RecordDecoder decoder,
      DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock, int writers, Executor extraWriters) {
    if (writers < 1) {
      throw new IllegalArgumentException("writers must be at least 1, not " + writers);
    }
    this.store = store;
    this.transactions = transactions;
    this.decoder = decoder;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
    this.writers = writers;
    this.extraWriters = extraWriters;
  }

  /**
   * Reloads the stored position of each partition (on assignment, or after a failed batch) and
   * returns where to read next; empty when the partition was never recorded.
   */
  public Map<TopicPartition, OptionalLong> resume(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OptionalLong> next = new LinkedHashMap<>();
    for (TopicPartition tp : partitions) {
      StoredPosition position = store.position(tp.topic(), tp.partition());
      positions.put(tp, position);
      next.put(tp, position.stored() ? OptionalLong.of(position.nextOffset()) : OptionalLong.empty());
    }
    return next;
  }

  /** Drops the cached positions of partitions this instance no longer owns. */
  public void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(positions::remove);
  }

  /**
   * Appends a batch. When a shard fails, the others still commit, the exception is thrown once all
   * are done, and the failed shard's cached positions are dropped: resume from the stored offsets.
   */
  public BatchResult append(List<ConsumerRecord<byte[], byte[]>> records) {
    List<Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>>> shards = shards(byPartition(records));
    List<CompletableFuture<ShardResult>> others = new ArrayList<>();
    for (int i = 1; i < shards.size(); i++) {
      Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> shard = shards.get(i);
      others.add(CompletableFuture.supplyAsync(() -> appendShard(shard), extraWriters));
    }
    List<ShardResult> done = new ArrayList<>(shards.size());
    RuntimeException failure = null;
    try {
      if (!shards.isEmpty()) {
        done.add(appendShard(shards.get(0)));
      }
    } catch (RuntimeException e) {
      failure = e;
    }
    // every shard must have finished before the caller rewinds or polls again
    for (CompletableFuture<ShardResult> other : others) {
      try {
        done.add(other.join());
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    int appended = done.stream().mapToInt(ShardResult::appended).sum();
    int unreadable = done.stream().mapToInt(ShardResult::unreadable).sum();
    int duplicates = done.stream().mapToInt(ShardResult::duplicates).sum();
    return new BatchResult(appended, unreadable, duplicates, records.size() - appended - unreadable - duplicates);
  }

  private ShardResult appendShard(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> shard) {
    try {
      Map<TopicPartition, List<Pending>> plan = plan(shard);
      if (plan.isEmpty()) {
        return new ShardResult(0, 0, 0);
      }
      Instant now = clock.instant();
      deadLetters.publish(deadLettersOf(plan, now));
      Map<TopicPartition, StoredPosition> committed;
      try {
        committed = transactions.execute(status -> write(plan, now, false));
      } catch (DataIntegrityViolationException e) {
        if (!TrailStore.isEventIdConflict(e)) {
          throw e;
        }
        // an event id the trail already holds: rare (a re-sent event), so the ids are looked up only now
        log.info("A batch of {} holds an event id already in the trail; writing it again, looking its ids up first",
            plan.keySet());
        committed = transactions.execute(status -> write(plan, now, true));
      }
      positions.putAll(committed);
      return count(plan);
    } catch (RuntimeException e) {
      forget(shard.keySet());
      throw e;
    }
  }

  private static Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition(
      List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
          .add(record);
    }
    return byPartition;
  }

  /**
   * Splits partitions into at most {@code writers} shards of similar record counts (largest partition
   * first to the emptiest shard). Each shard keeps the batch's order of partitions, so with one writer
   * the first copy of an event id sent twice is still the one polled first.
   */
  private List<Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>>> shards(
      Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition) {
    int count = Math.min(writers, byPartition.size());
    int[] sizes = new int[count];
    Map<TopicPartition, Integer> shardOf = new HashMap<>();
    byPartition.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> e)
            -> e.getValue().size()).reversed())
        .forEach(e -> {
          int smallest = 0;
          for (int i = 1; i < count; i++) {
            if (sizes[i] < sizes[smallest]) {
              smallest = i;
            }
          }
          shardOf.put(e.getKey(), smallest);
          sizes[smallest] += e.getValue().size();
        });
    List<Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>>> shards = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      shards.add(new LinkedHashMap<>());
    }
    byPartition.forEach((tp, records) -> shards.get(shardOf.get(tp)).put(tp, records));
    return shards;
  }

  private Map<TopicPartition, List<Pending>> plan(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> shard) {
    Map<TopicPartition, List<Pending>> plan = new LinkedHashMap<>();
    shard.forEach((tp, list) -> {
      StoredPosition position = positions.computeIfAbsent(tp, p -> store.position(p.topic(), p.partition()));
      List<Pending> pending = list.stream()
          .filter(r -> !position.covers(r.offset()))
          .sorted(Comparator.comparingLong(ConsumerRecord::offset))
          .map(r -> new Pending(r, decoder.decode(r)))
          .toList();
      if (!pending.isEmpty()) {
        plan.put(tp, pending);
      }
    });
    return plan;
  }

  private List<ProducerRecord<byte[], byte[]>> deadLettersOf(Map<TopicPartition, List<Pending>> plan, Instant now) {
    List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>();
    plan.values().forEach(list -> list.forEach(p -> {
      if (p.decoded() instanceof DecodedRecord.Unreadable u) {
        ConsumerRecord<byte[], byte[]> r = p.record();
        log.warn("Unreadable record at {}/{}@{}: {} ({}); sending it to {}", r.topic(), r.partition(), r.offset(),
            DeadLetter.reasonOf(u.error()), u.error().getMessage(), Topics.AUDIT_SERVICE_DEAD_LETTERS.name());
        letters.add(DeadLetter.record(Topics.AUDIT_SERVICE_DEAD_LETTERS, CONSUMER_NAME, r.topic(), r.partition(),
            r.offset(), r.key(), r.value(), u.error(), now));
      }
    }));
    return letters;
  }

  /**
   * Inside the transaction: links every record to its chain in memory, then writes the rows (one COPY)
   * and the positions, so a batch costs a handful of round trips whatever its size. An event id twice
   * in the batch is caught here; one already in the trail only when {@code lookUp} asks for the query
   * that finds it: without it, the unique index refuses the COPY and the caller writes the batch again
   * with {@code lookUp}. Looking every id up costs as much as one more index per row, for a rare case.
   */
  private Map<TopicPartition, StoredPosition> write(Map<TopicPartition, List<Pending>> plan, Instant now,
      boolean lookUp) {
    Set<String> eventIds = new HashSet<>();
    if (lookUp) {
      plan.values().forEach(list -> list.forEach(p -> {
        if (p.decoded() instanceof DecodedRecord.Event e) {
          eventIds.add(e.eventId());
        }
      }));
    }
    // where each event id is first recorded: in the trail already (when looked up), or earlier in this batch
    Map<String, String> firstSources = new HashMap<>(store.recordedSources(eventIds));
    List<TrailStore.EventRow> eventRows = new ArrayList<>();
    List<TrailStore.UnreadableRow> unreadableRows = new ArrayList<>();
    List<TrailStore.Advance> advances = new ArrayList<>(plan.size());
    Map<TopicPartition, StoredPosition> committed = new HashMap<>();
    plan.forEach((tp, pending) -> {
      StoredPosition previous = positions.computeIfAbsent(tp, p -> store.position(p.topic(), p.partition()));
      ChainHead head = previous.head();
      for (Pending p : pending) {
        head = head.advance(link(head, p, firstSources, eventRows, unreadableRows));
      }
      long nextOffset = pending.get(pending.size() - 1).record().offset() + 1;
      advances.add(new TrailStore.Advance(tp.topic(), tp.partition(), previous, nextOffset, head));
      committed.put(tp, new StoredPosition(nextOffset, head, true));
    });
    store.appendEvents(eventRows, now);
    store.appendUnreadable(unreadableRows, now);
    store.advance(advances, now);
    return committed;
  }

  private ChainLink link(ChainHead head, Pending p, Map<String, String> firstSources,
      List<TrailStore.EventRow> eventRows, List<TrailStore.UnreadableRow> unreadableRows) {
    ConsumerRecord<byte[], byte[]> r = p.record();
    SourcePosition source = new SourcePosition(r.topic(), r.partition(), r.offset());
    if (p.decoded() instanceof DecodedRecord.Unreadable u) {
      ChainLink link = head.link(new ChainEntry.Unreadable(source, r.key(), r.value(),
          DeadLetter.reasonOf(u.error()), String.valueOf(u.error().getMessage())));
      unreadableRows.add(new TrailStore.UnreadableRow(link, true));
      p.outcome = Outcome.UNREADABLE;
      return link;
    }
    DecodedRecord.Event e = (DecodedRecord.Event) p.decoded();
    String first = firstSources.putIfAbsent(e.eventId(), r.topic() + "/" + r.partition() + "@" + r.offset());
    if (first == null) {
      ChainLink link = head.link(new ChainEntry.Event(source, r.key(), r.value(), e.schemaId(), e.eventId(),
          e.eventType(), e.occurredAt(), e.actor(), e.deploymentId(), e.modelName(), e.modelVersion(),
          e.environment(), e.causationId()));
      eventRows.add(new TrailStore.EventRow(link, e, recordTimestamp(r)));
      p.outcome = Outcome.APPENDED;
      return link;
    }
    // the same event re-sent (a producer retry outside a transaction, CI sending twice): the trail keeps the
    // first copy and records this offset as a link of its own, so the skipped offset is explained, not hidden
    log.info("Event {} at {}/{}@{} is already in the trail at {}; recorded as a duplicate",
        e.eventId(), r.topic(), r.partition(), r.offset(), first);
    ChainLink duplicate = head.link(new ChainEntry.Unreadable(source, r.key(), r.value(), DUPLICATE_EVENT_ID,
        "event id " + e.eventId() + " is already in the trail at " + first));
    unreadableRows.add(new TrailStore.UnreadableRow(duplicate, false));
    p.outcome = Outcome.DUPLICATE;
    return duplicate;
  }

  private ShardResult count(Map<TopicPartition, List<Pending>> plan) {
    int appended = 0;
    int unreadable = 0;
    int duplicates = 0;
    for (Map.Entry<TopicPartition, List<Pending>> partition : plan.entrySet()) {
      String topic = partition.getKey().topic();
      long a = partition.getValue().stream().filter(p -> p.outcome == Outcome.APPENDED).count();
      long u = partition.getValue().stream().filter(p -> p.outcome == Outcome.UNREADABLE).count();
      long d = partition.getValue().stream().filter(p -> p.outcome == Outcome.DUPLICATE).count();
      metrics.ingested(topic, a);
      metrics.unreadable(topic, u);
      metrics.duplicates(topic, d);
      appended += (int) a;
      unreadable += (int) u;
      duplicates += (int) d;
    }
    return new ShardResult(appended, unreadable, duplicates);
  }

  private record ShardResult(int appended, int unreadable, int duplicates) {}

  private static Instant recordTimestamp(ConsumerRecord<?, ?> r) {
    return r.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || r.timestamp() < 0
        ? null : Instant.ofEpochMilli(r.timestamp());
  }

  private enum Outcome { APPENDED, UNREADABLE, DUPLICATE }

  /** A record to append and how it decoded; {@code outcome} is set inside the transaction. */
  private static final class Pending {
    private final ConsumerRecord<byte[], byte[]> record;
    private final DecodedRecord decoded;
    private Outcome outcome;

    Pending(ConsumerRecord<byte[], byte[]> record, DecodedRecord decoded) {
      this.record = record;
      this.decoded = decoded;
    }

    ConsumerRecord<byte[], byte[]> record() {
      return record;
    }

    DecodedRecord decoded() {
      return decoded;
    }
  }

  /** What a batch did: records appended as events, recorded as unreadable or duplicate, and skipped as already recorded. */
  public record BatchResult(int appended, int unreadable, int duplicates, int skipped) {}
}
