package dev.tollgate.rollout.operator;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operator command publisher, from Boot's {@code spring.kafka.*} properties. */
@Configuration(proxyBeanMethods = false)
public class OperatorConfiguration {

  static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

  @Bean(destroyMethod = "close")
  KafkaOperatorCommandPublisher operatorCommandPublisher(KafkaProperties kafka, Clock clock) {
    Map<String, Object> config = new HashMap<>(kafka.getProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    return new KafkaOperatorCommandPublisher(config, clock, PUBLISH_TIMEOUT);
  }
}
