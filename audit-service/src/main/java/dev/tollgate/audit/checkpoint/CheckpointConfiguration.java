package dev.tollgate.audit.checkpoint;

import dev.tollgate.audit.chain.CheckpointSigner;
import dev.tollgate.audit.ingest.IngestState;
import dev.tollgate.audit.verify.ChainStore;
import dev.tollgate.events.AuditCheckpoint;
import dev.tollgate.schemas.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the signing key, the checkpoint rounds, their publisher and schedule. */
@Configuration(proxyBeanMethods = false)
class CheckpointConfiguration {

  @Bean
  SigningKeys signingKeys(JdbcTemplate jdbc, SigningProperties properties, Clock clock) {
    return SigningKeys.load(jdbc, properties, clock);
  }

  @Bean
  CheckpointStore checkpointStore(JdbcTemplate jdbc) {
    return new CheckpointStore(jdbc);
  }

  @Bean
  Checkpointer checkpointer(CheckpointStore store, ChainStore chains, SigningKeys keys, Clock clock,
      PlatformTransactionManager transactions, MeterRegistry meters) {
    TransactionTemplate snapshot = new TransactionTemplate(transactions);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    return new Checkpointer(store, chains, keys, new CheckpointSigner(keys.active(), clock), snapshot, meters);
  }

  @Bean(destroyMethod = "close")
  Producer<String, AuditCheckpoint> checkpointProducer(KafkaProperties kafka, CheckpointProperties properties) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    // a round never blocks longer than its publish timeout on a broker that is down
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.publishTimeout().toMillis());
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "audit-service-checkpoints");
    Map<String, String> serdeConfig = kafka.getProperties();
    return new KafkaProducer<>(config, Topics.AUDIT_CHECKPOINTS.keySerde(serdeConfig).serializer(),
        Topics.AUDIT_CHECKPOINTS.valueSerde(serdeConfig).serializer());
  }

  @Bean
  CheckpointPublisher checkpointPublisher(Producer<String, AuditCheckpoint> checkpointProducer, CheckpointStore store,
      CheckpointProperties properties, Clock clock) {
    return new CheckpointPublisher(checkpointProducer, store, properties.publishTimeout(), clock);
  }

  @Bean
  @ConditionalOnProperty(name = "tollgate.audit.checkpoints.enabled", havingValue = "true", matchIfMissing = true)
  CheckpointSchedule checkpointSchedule(Checkpointer checkpointer, CheckpointPublisher publisher,
      CheckpointProperties properties, IngestState ingest) {
    CheckpointSchedule schedule = new CheckpointSchedule(checkpointer, publisher, properties);
    ingest.onLinksAppended(schedule::linksAppended);
    return schedule;
  }
}
