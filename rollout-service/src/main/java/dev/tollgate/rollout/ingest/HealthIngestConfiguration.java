package dev.tollgate.rollout.ingest;

import dev.tollgate.rollout.streams.RolloutProperties;
import dev.tollgate.rollout.streams.StreamsConfiguration;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the health ingest: its consumers' lifecycle, metrics and health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HealthIngestProperties.class)
public class HealthIngestConfiguration {

  @Bean
  IngestCounts healthIngestCounts() {
    return new IngestCounts();
  }

  /** Group {@code <application-id>-health-ingest}; transactional ids {@code <group>-<instance id>-<thread>}. */
  @Bean
  HealthIngest healthIngest(KafkaProperties kafka, RolloutProperties rollout, HealthIngestProperties properties,
      IngestCounts counts, Clock clock) {
    String group = rollout.applicationId() + "-health-ingest";
    String instance = InstanceId.of(Path.of(rollout.stateDir()));
    return new HealthIngest(StreamsConfiguration.clientConfig(kafka), group, group + "-" + instance, properties,
        counts, clock);
  }

  /** {@code tollgate.rollout.health.ingest.*}: samples, batches and dead letters committed; client failures. */
  @Bean
  MeterBinder healthIngestMetrics(IngestCounts counts) {
    return registry -> {
      FunctionCounter.builder("tollgate.rollout.health.ingest.samples", counts, IngestCounts::samples)
          .description("Health samples read and committed into batches for the controller").register(registry);
      FunctionCounter.builder("tollgate.rollout.health.ingest.batches", counts, IngestCounts::batches)
          .description("Batches of health samples committed for the controller").register(registry);
      FunctionCounter.builder("tollgate.rollout.health.ingest.dead.letters", counts, IngestCounts::deadLetters)
          .description("Unreadable health samples sent to the dead-letter topic").register(registry);
      FunctionCounter.builder("tollgate.rollout.health.ingest.failures", counts, IngestCounts::failures)
          .description("Times a health ingest consumer failed and was replaced").register(registry);
    };
  }

  @Bean
  HealthIndicator healthIngestHealthIndicator(HealthIngest ingest) {
    return () -> (ingest.polling() ? Health.up() : Health.down()).withDetail("polling", ingest.polling()).build();
  }
}
