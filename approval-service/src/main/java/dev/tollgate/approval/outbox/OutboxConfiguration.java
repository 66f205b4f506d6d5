package dev.tollgate.approval.outbox;

import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox table, its transactional Kafka producer and the relay between them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

  @Bean
  OutboxStore outboxStore(JdbcClient jdbc) {
    return new OutboxStore(jdbc);
  }

  @Bean(destroyMethod = "destroy")
  DefaultKafkaProducerFactory<String, byte[]> outboxProducerFactory(KafkaProperties kafka,
      OutboxProperties properties) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "approval-service-outbox");
    // The relay hands over a whole batch and then waits for it and commits: lingering (5 ms by
    // default since Kafka 4.0) would only delay every decision's events, never batch more of them.
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    var factory = new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer());
    factory.setTransactionIdPrefix(properties.transactionalIdPrefix());
    // One relay thread, one producer: always suffix 0, so a restart fences exactly its predecessor.
    factory.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(1));
    return factory;
  }

  @Bean
  KafkaTemplate<String, byte[]> outboxKafkaTemplate(DefaultKafkaProducerFactory<String, byte[]> outboxProducerFactory) {
    return new KafkaTemplate<>(outboxProducerFactory);
  }

  @Bean
  OutboxPublisher outboxPublisher(KafkaTemplate<String, byte[]> outboxKafkaTemplate, KafkaProperties kafka,
      OutboxProperties properties) {
    // Serde config: the client properties, which carry schema.registry.url.
    return new KafkaOutboxPublisher(outboxKafkaTemplate,
        List.of(Topics.DEPLOYMENT_REQUESTS, Topics.APPROVALS), kafka.buildProducerProperties(),
        properties.sendTimeout());
  }

  @Bean
  OutboxRelay outboxRelay(OutboxStore store, OutboxPublisher publisher, TransactionTemplate transactions,
      Clock clock, OutboxProperties properties) {
    return new OutboxRelay(store, publisher, transactions, clock, properties.batchSize(), properties.pollInterval(),
        properties.retention());
  }

  @Bean
  OutboxHealthIndicator outboxHealthIndicator(OutboxStore store, OutboxRelay relay, Clock clock) {
    return new OutboxHealthIndicator(store, relay, clock);
  }
}
