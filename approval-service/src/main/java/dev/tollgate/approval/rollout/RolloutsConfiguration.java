package dev.tollgate.approval.rollout;

import dev.tollgate.approval.deployment.intake.DeadLetterPublisher;
import dev.tollgate.approval.deployment.intake.IntakeConfiguration;
import dev.tollgate.approval.deployment.intake.IntakeHealthIndicator;
import dev.tollgate.approval.deployment.intake.OriginalBytesDeserializer;
import dev.tollgate.approval.gate.Gates;
import dev.tollgate.events.RolloutEvent;
import dev.tollgate.schemas.serde.AvroDeserializer;
import dev.tollgate.schemas.topic.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rollouts consumer (group approval-service, read_committed, one record per transaction,
 * unreadable and unattributable records to the dead-letter topic) and the rollout store.
 */
@Configuration(proxyBeanMethods = false)
public class RolloutsConfiguration {

  @Bean
  JdbcRolloutStore rolloutStore(JdbcClient jdbc) {
    return new JdbcRolloutStore(jdbc);
  }

  @Bean
  IntakeHealthIndicator rolloutsConsumerHealthIndicator() {
    return new IntakeHealthIndicator();
  }

  @Bean
  RolloutEventListener rolloutEventListener(JdbcRolloutStore rollouts, Gates gates,
      TransactionTemplate transactions) {
    return new RolloutEventListener(rollouts, gates, transactions);
  }

  @Bean
  DefaultErrorHandler rolloutsErrorHandler(DeadLetterPublisher deadLetters) {
    return IntakeConfiguration.deadLetteringErrorHandler(deadLetters);
  }

  @Bean
  ConcurrentMessageListenerContainer<String, RolloutEvent> rolloutsContainer(KafkaProperties kafka,
      RolloutEventListener listener, DefaultErrorHandler rolloutsErrorHandler,
      IntakeHealthIndicator rolloutsConsumerHealthIndicator) {
    Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, IntakeConfiguration.GROUP_ID);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "approval-service-rollouts");

    var values = new ErrorHandlingDeserializer<>(new OriginalBytesDeserializer<>(
        new AvroDeserializer<>(RolloutEvent.class)));
    var keys = new ErrorHandlingDeserializer<>(new StringDeserializer());
    var consumers = new DefaultKafkaConsumerFactory<>(props, keys, values);

    ContainerProperties container = new ContainerProperties(Topics.ROLLOUTS.name());
    container.setGroupId(IntakeConfiguration.GROUP_ID);
    container.setMessageListener(listener);
    container.setAckMode(ContainerProperties.AckMode.RECORD);
    container.setConsumerRebalanceListener(rolloutsConsumerHealthIndicator);
    container.setMissingTopicsFatal(false);

    var listenerContainer = new ConcurrentMessageListenerContainer<>(consumers, container);
    listenerContainer.setCommonErrorHandler(rolloutsErrorHandler);
    listenerContainer.setBeanName("rolloutsContainer");
    rolloutsConsumerHealthIndicator.watch(listenerContainer);
    return listenerContainer;
  }
}
