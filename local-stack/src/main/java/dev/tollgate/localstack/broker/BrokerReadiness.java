package dev.tollgate.localstack.broker;

import dev.tollgate.localstack.LocalStackException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decides when a freshly started broker is usable: a transactional producer gets a record
 * acknowledged on a probe topic of the launcher's own. Transactional, because the transaction
 * coordinator is the last piece to come up and every service relies on it.
 */
final class BrokerReadiness {

  /** The launcher's probe topic; not part of the catalog, never read by a service. */
  static final String PROBE_TOPIC = "_tollgate-local-stack-probe";

  private BrokerReadiness() {}

  static void await(String bootstrap, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    createProbeTopic(bootstrap, deadline);
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tollgate-local-stack-probe",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) remaining(deadline).toMillis(),
        ProducerConfig.CLIENT_ID_CONFIG, "tollgate-local-stack-probe");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      byte[] value = ("started " + Instant.now()).getBytes(StandardCharsets.UTF_8);
      producer.send(new ProducerRecord<>(PROBE_TOPIC, value)).get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
      producer.commitTransaction();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while waiting for the Kafka broker", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new LocalStackException("the Kafka broker on " + bootstrap + " did not acknowledge a record within "
          + timeout.toSeconds() + " s: " + e, e);
    }
  }

  private static void createProbeTopic(String bootstrap, Instant deadline) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "tollgate-local-stack-probe"))) {
      NewTopic probe = new NewTopic(PROBE_TOPIC, 1, (short) 1).configs(Map.of("retention.ms", "3600000"));
      admin.createTopics(List.of(probe)).all().get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new LocalStackException("the Kafka broker on " + bootstrap + " refused the probe topic: " + e.getCause(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while waiting for the Kafka broker", e);
    } catch (TimeoutException e) {
      throw new LocalStackException("the Kafka broker on " + bootstrap + " did not answer in time", e);
    }
  }

  private static Duration remaining(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ofMillis(1) : left;
  }
}
