package dev.tollgate.approval.deployment.intake;

import dev.tollgate.approval.deployment.DeploymentDecisions;
import dev.tollgate.approval.deployment.DeploymentIntake;
import dev.tollgate.events.DeploymentRequestEvent;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.topic.Topics;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/** The deployment-requests consumer, its error handling and its dead-letter producer. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

  public static final String GROUP_ID = "approval-service";

  @Bean
  IntakeHealthIndicator deploymentRequestsConsumerHealthIndicator() {
    return new IntakeHealthIndicator();
  }

  @Bean
  DeploymentRequestListener deploymentRequestListener(DeploymentIntake intake, DeploymentDecisions decisions,
      Validator validator) {
    return new DeploymentRequestListener(intake, decisions, validator);
  }

  @Bean(destroyMethod = "destroy")
  DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory(KafkaProperties kafka) {
    Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "approval-service-dead-letters");
    return new DefaultKafkaProducerFactory<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Bean
  KafkaTemplate<byte[], byte[]> deadLetterKafkaTemplate(
      DefaultKafkaProducerFactory<byte[], byte[]> deadLetterProducerFactory) {
    return new KafkaTemplate<>(deadLetterProducerFactory);
  }

  @Bean
  DeadLetterPublisher deadLetterPublisher(KafkaTemplate<byte[], byte[]> deadLetterKafkaTemplate, Clock clock) {
    return new DeadLetterPublisher(deadLetterKafkaTemplate,
        Topics.APPROVAL_SERVICE_DEAD_LETTERS, GROUP_ID, clock, Duration.ofSeconds(30));
  }

  @Bean
  DefaultErrorHandler deploymentRequestsErrorHandler(DeadLetterPublisher deadLetters) {
    return deadLetteringErrorHandler(deadLetters);
  }

  /**
   * The error handling of every consumer of this service: rejected records straight to the
   * dead-letter topic, unexpected failures after a few retries, database outages retried until
   * the database is back.
   */
  public static DefaultErrorHandler deadLetteringErrorHandler(DeadLetterPublisher deadLetters) {
    // Anything unexpected: a few quick retries, then the dead-letter topic (never a stuck partition).
    DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, new FixedBackOff(1000L, 2));
    handler.addNotRetryableExceptions(RejectedRecordException.class);
    // The database being away is not the record's fault: retry until it is back, losing nothing.
    BackOff untilBack = untilBack();
    handler.setBackOffFunction((record, e) -> isInfrastructure(e) ? untilBack : null);
    handler.setCommitRecovered(true);
    return handler;
  }

  private static BackOff untilBack() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    return backOff;
  }

  static boolean isInfrastructure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
          || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException) {
        return true;
      }
    }
    return false;
  }

  @Bean
  ConcurrentMessageListenerContainer<String, DeploymentRequestEvent> deploymentRequestsContainer(
      KafkaProperties kafka, DeploymentRequestListener listener, DefaultErrorHandler deploymentRequestsErrorHandler,
      IntakeHealthIndicator deploymentRequestsConsumerHealthIndicator,
      @Value("${tollgate.intake.concurrency:1}") int concurrency) {
    IntakeHealthIndicator health = deploymentRequestsConsumerHealthIndicator;
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "approval-service-requests");

    var avro = new AvroDeserializer<>(DeploymentRequestEvent.class);
    var values = new ErrorHandlingDeserializer<>(new OriginalBytesDeserializer<>(avro));
    var keys = new ErrorHandlingDeserializer<>(new StringDeserializer());
    var consumers = new DefaultKafkaConsumerFactory<>(props, keys, values);

    ContainerProperties container = new ContainerProperties(Topics.DEPLOYMENT_REQUESTS.name());
    container.setGroupId(GROUP_ID);
    container.setMessageListener(listener);
    // One record, one database transaction, then its offset: at-least-once plus idempotency.
    container.setAckMode(ContainerProperties.AckMode.RECORD);
    container.setConsumerRebalanceListener(health);
    container.setMissingTopicsFatal(false);

    var listenerContainer = new ConcurrentMessageListenerContainer<>(consumers, container);
    listenerContainer.setConcurrency(concurrency);
    listenerContainer.setCommonErrorHandler(deploymentRequestsErrorHandler);
    listenerContainer.setBeanName("deploymentRequestsContainer");
    health.watch(listenerContainer);
    return listenerContainer;
  }
}
