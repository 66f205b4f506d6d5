package dev.tollgate.audit.support;

import dev.tollgate.audit.ingest.BatchAppender;
import dev.tollgate.audit.ingest.DeadLetterPublisher;
import dev.tollgate.audit.ingest.IngestMetrics;
import dev.tollgate.audit.ingest.RecordDecoder;
import dev.tollgate.audit.ingest.TrailStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Fills a test database through the real ingest path. */
public final class TrailFixture {

  private final BatchAppender appender;

  public TrailFixture(TestDatabase db, Events events, Clock clock) {
    this.appender = new BatchAppender(new TrailStore(db.jdbc()), db.transactions(),
        new RecordDecoder(events.serdeConfig()),
        new DeadLetterPublisher(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
            Duration.ofSeconds(5)),
        new IngestMetrics(new SimpleMeterRegistry()), clock);
  }

  public BatchAppender.BatchResult append(List<ConsumerRecord<byte[], byte[]>> records) {
    return appender.append(records);
  }
}
