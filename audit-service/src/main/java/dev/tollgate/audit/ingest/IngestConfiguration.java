package dev.tollgate.audit.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the ingest: consumer and dead-letter producer from {@code spring.kafka.*}, appender, loop, health. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

  @Bean
  TrailStore trailStore(JdbcTemplate jdbc) {
    return new TrailStore(jdbc);
  }

  @Bean
  IngestMetrics ingestMetrics(MeterRegistry registry) {
    return new IngestMetrics(registry);
  }

  @Bean
  IngestState ingestState(Clock clock) {
    return new IngestState(clock);
  }

  @Bean
  IngestHealthIndicator auditIngestHealthIndicator(IngestState state) {
    return new IngestHealthIndicator(state);
  }

  @Bean(destroyMethod = "close")
  Producer<byte[], byte[]> deadLetterProducer(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "audit-service-dead-letters");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Bean
  DeadLetterPublisher deadLetterPublisher(Producer<byte[], byte[]> deadLetterProducer, IngestProperties properties) {
    return new DeadLetterPublisher(deadLetterProducer, properties.deadLetterTimeout());
  }

  /** Threads for the shards of a batch beyond the first, which the ingest thread writes itself. */
  @Bean(destroyMethod = "shutdown")
  ExecutorService auditIngestWriters(IngestProperties properties) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(Math.max(1, properties.writers() - 1), r -> {
      Thread t = new Thread(r, "audit-ingest-writer-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Bean
  BatchAppender batchAppender(TrailStore store, TransactionTemplate transactions, KafkaProperties kafka,
      DeadLetterPublisher deadLetters, IngestMetrics metrics, Clock clock, IngestProperties properties,
      ExecutorService auditIngestWriters) {
    Map<String, String> serdeConfig = kafka.getProperties();
    if (serdeConfig.get(SCHEMA_REGISTRY_URL) == null || serdeConfig.get(SCHEMA_REGISTRY_URL).isBlank()) {
      throw new IllegalStateException("spring.kafka.properties.schema.registry.url is required");
    }
    return new BatchAppender(store, transactions, new RecordDecoder(serdeConfig), deadLetters, metrics, clock,
        properties.writers(), auditIngestWriters);
  }

  @Bean
  @ConditionalOnProperty(name = "tollgate.audit.ingest.enabled", havingValue = "true", matchIfMissing = true)
  AuditIngestLoop auditIngestLoop(KafkaProperties kafka, BatchAppender appender, IngestState state,
      IngestProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // offsets live in PostgreSQL with the rows they cover; Kafka's committed offsets are never used
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "audit-service-ingest");
    Map<String, Object> frozen = Map.copyOf(config);
    return new AuditIngestLoop(
        () -> (Consumer<byte[], byte[]>) new KafkaConsumer<>(frozen, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        appender, state, properties);
  }
}
