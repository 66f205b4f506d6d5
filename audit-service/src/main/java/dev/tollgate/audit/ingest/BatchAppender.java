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
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends one polled batch to the trail, exactly once. Per batch: decode every record (outside the
 * database transaction, since it may call the registry); send and flush the dead letters; then, in
 * ONE PostgreSQL transaction, append every record as a chain link (an event row or an unreadable
 * row) and advance each partition's stored offset and chain head. Either all of it commits or
 * none of it does, so a restart resumes at the stored offset with no duplicate and no gap.
 *
 * <p>Single writer per chain: the consumer group assigns a partition to one consumer at a time,
 * so the chain head of a partition is read from the database once (on assignment) and then kept
 * in memory. A zombie consumer that still thinks it owns the partition cannot fork the chain: the
 * position update is a compare-and-set, which fails and rolls the batch back.
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
  private final Map<TopicPartition, StoredPosition> positions = new ConcurrentHashMap<>();

  public BatchAppender(TrailStore store, TransactionTemplate transactions, RecordDecoder decoder,
      DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock) {
    this.store = store;
    this.transactions = transactions;
    this.decoder = decoder;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
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

  /** Appends a batch; on any exception nothing of the batch is committed and the cached positions are dropped. */
  public BatchResult append(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, List<Pending>> plan = plan(records);
    if (plan.isEmpty()) {
      return new BatchResult(0, 0, 0, records.size());
    }
    try {
      Instant now = clock.instant();
      deadLetters.publish(deadLettersOf(plan, now));
      Map<TopicPartition, StoredPosition> committed = transactions.execute(status -> write(plan, now));
      positions.putAll(committed);
      return count(plan, records.size());
    } catch (RuntimeException e) {
      forget(plan.keySet());
      throw e;
    }
  }

  private Map<TopicPartition, List<Pending>> plan(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
          .add(record);
    }
    Map<TopicPartition, List<Pending>> plan = new LinkedHashMap<>();
    byPartition.forEach((tp, list) -> {
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
   * Inside the transaction: looks up which of the batch's event ids the trail already holds (one query),
   * links every record to its chain in memory, then writes the rows and the positions in three JDBC
   * batches, so a batch costs a handful of round trips whatever its size.
   */
  private Map<TopicPartition, StoredPosition> write(Map<TopicPartition, List<Pending>> plan, Instant now) {
    Set<String> eventIds = new HashSet<>();
    plan.values().forEach(list -> list.forEach(p -> {
      if (p.decoded() instanceof DecodedRecord.Event e) {
        eventIds.add(e.eventId());
      }
    }));
    // where each event id is first recorded: in the trail already, or earlier in this batch
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

  private BatchResult count(Map<TopicPartition, List<Pending>> plan, int polled) {
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
    return new BatchResult(appended, unreadable, duplicates, polled - appended - unreadable - duplicates);
  }

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
