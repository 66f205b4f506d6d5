package dev.tollgate.rollout.operator;

import dev.tollgate.events.AbortRequested;
import dev.tollgate.events.AlertFired;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.OperatorCommand;
import dev.tollgate.events.PauseRequested;
import dev.tollgate.events.PromoteRequested;
import dev.tollgate.events.ResumeRequested;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes operator commands with an idempotent producer and waits for the broker's acknowledgement. */
public final class KafkaOperatorCommandPublisher implements OperatorCommandPublisher, AutoCloseable {

  private final KafkaProducer<String, OperatorCommand> producer;
  private final Clock clock;
  private final Duration timeout;

  /** {@code clientConfig}: bootstrap servers, schema.registry.url and any security settings. */
  public KafkaOperatorCommandPublisher(Map<String, Object> clientConfig, Clock clock, Duration timeout) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    // producer-only settings; the serde's keys (schema.registry.url) would only be logged as unknown
    config.keySet().removeIf(key -> !ProducerConfig.configNames().contains(key));
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "rollout-service-operator-commands");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
    this.producer = new KafkaProducer<>(config, Topics.ROLLOUT_COMMANDS.keySerde(clientConfig).serializer(),
        Topics.ROLLOUT_COMMANDS.valueSerde(clientConfig).serializer());
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public String abort(DeploymentView target, String actor, String reason) {
    return send(target, actor, new AbortRequested(reason));
  }

  @Override
  public String alert(DeploymentView target, String actor, String alertName, String summary,
      Map<String, String> labels) {
    return send(target, actor, new AlertFired(alertName, summary, new HashMap<>(labels)));
  }

  @Override
  public String pause(DeploymentView target, String actor, String reason) {
    return send(target, actor, new PauseRequested(reason));
  }

  @Override
  public String resume(DeploymentView target, String actor) {
    return send(target, actor, new ResumeRequested());
  }

  @Override
  public String promote(DeploymentView target, String actor) {
    return send(target, actor, new PromoteRequested());
  }

  private String send(DeploymentView target, String actor, Object payload) {
    String eventId = UUID.randomUUID().toString();
    Envelope envelope = Envelope.newBuilder()
        .setEventId(eventId)
        .setOccurredAt(clock.instant())
        .setActor(actor)
        .setDeploymentId(target.deploymentId())
        .setModelName(target.model())
        .setModelVersion(target.version())
        .setEnvironment(target.environment())
        .setCausationId(target.lastEventId())
        .build();
    try {
      producer.send(new ProducerRecord<>(Topics.ROLLOUT_COMMANDS.name(), target.model(),
          new OperatorCommand(envelope, payload))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return eventId;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandNotPublishedException("interrupted while publishing the command", e);
    } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
      throw new CommandNotPublishedException("the command could not be written to Kafka: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
