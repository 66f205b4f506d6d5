package dev.tollgate.rollout.streams;

import dev.tollgate.rollout.deadletter.DeadLetterHandler;
import dev.tollgate.rollout.deadletter.KafkaDeadLetterSender;
import dev.tollgate.rollout.state.LocalStateQueries;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.routing.InstanceRouter;
import dev.tollgate.rollout.state.routing.RemoteStateQueries;
import dev.tollgate.rollout.state.routing.RoutedStateQueries;
import dev.tollgate.rollout.state.routing.StateRouter;
import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.analysis.SampleFate;
import dev.tollgate.rollout.topology.RolloutTopology;
import dev.tollgate.rollout.topology.RolloutTopologyConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the rollout topology into the application: the topology from its factory, the streams
 * client's settings, its lifecycle, health, dead letters and the state queries (routed to the
 * instance that owns each model). Bootstrap servers
 * and {@code schema.registry.url} come from Boot's {@code spring.kafka.*} properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RolloutProperties.class, StateProperties.class})
public class StreamsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SampleCounts healthSampleCounts() {
    return new SampleCounts();
  }

  /** {@code tollgate.rollout.health.samples{fate=aggregated|no-active-rollout|…}}: every sample's fate. */
  @Bean
  MeterBinder healthSampleMetrics(SampleCounts counts) {
    return registry -> {
      for (SampleFate fate : SampleFate.values()) {
        FunctionCounter.builder("tollgate.rollout.health.samples", counts, c -> c.count(fate))
            .description("Health samples by fate; every fate but aggregated means the sample was dropped")
            .tag("fate", fate.tag())
            .register(registry);
      }
    };
  }

  @Bean
  Topology rolloutTopology(KafkaProperties kafka, RolloutProperties rollout, StateProperties state, Clock clock,
      SampleCounts counts) {
    return RolloutTopology.build(new RolloutTopologyConfig(clientConfig(kafka), clock, rollout.timerInterval(),
        rollout.settings(), () -> UUID.randomUUID().toString(), counts, state.liveHistoryRetention()));
  }

  @Bean(destroyMethod = "close")
  KafkaDeadLetterSender deadLetterSender(KafkaProperties kafka, RolloutProperties rollout) {
    Map<String, Object> config = clientConfig(kafka);
    // producer-only settings; the serde's and streams' keys would only be logged as unknown
    config.keySet().removeIf(key -> !ProducerConfig.configNames().contains(key));
    return new KafkaDeadLetterSender(config, rollout.deadLetterTimeout());
  }

  /**
   * Advertises {@code advertised-host} and the port the web server really listens on (known once it
   * has started, which is before Streams starts), so other instances can forward queries here.
   */
  @Bean
  RolloutStreams rolloutStreams(Topology rolloutTopology, KafkaProperties kafka, RolloutProperties rollout,
      StateProperties state, KafkaDeadLetterSender deadLetterSender, Environment environment) {
    return new RolloutStreams(rolloutTopology, streamsProperties(kafka, rollout, deadLetterSender),
        rollout.closeTimeout(), () -> new HostInfo(state.advertisedHost(), environment.getProperty(
            "local.server.port", Integer.class, environment.getProperty("server.port", Integer.class, 8080))));
  }

  @Bean
  StateRouter stateRouter(RolloutStreams rolloutStreams, StateProperties state) {
    return new InstanceRouter(rolloutStreams::kafkaStreams, rolloutStreams::self,
        new LocalStateQueries(rolloutStreams::kafkaStreams), RemoteStateQueries.over(state.forwardTimeout()));
  }

  /** What the rest of the service queries: answered wherever the state is. */
  @Bean
  StateQueries stateQueries(StateRouter stateRouter) {
    return new RoutedStateQueries(stateRouter);
  }

  @Bean
  StreamsHealthIndicator kafkaStreamsHealthIndicator(RolloutStreams rolloutStreams) {
    return new StreamsHealthIndicator(rolloutStreams::state);
  }

  static Properties streamsProperties(KafkaProperties kafka, RolloutProperties rollout, Object deadLetterSender) {
    Properties props = new Properties();
    props.putAll(clientConfig(kafka));
    props.putAll(kafka.getStreams().getProperties());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, rollout.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, rollout.stateDir());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) rollout.replicationFactor());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, rollout.commitInterval().toMillis());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, rollout.streamThreads());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    props.put(DeadLetterHandler.SENDER_CONFIG, deadLetterSender);
    return props;
  }

  /** Bootstrap servers plus {@code spring.kafka.properties.*} (schema.registry.url, security …). */
  public static Map<String, Object> clientConfig(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.getProperties());
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    return config;
  }
}
