package dev.tollgate.bench.rollout;

import dev.tollgate.bench.RunningStack;
import dev.tollgate.bench.TopicTail;
import dev.tollgate.events.Envelope;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the serving platform for benchmarks on a stack started with {@code --no-simulator}: applies
 * every traffic command of the benchmark's models at once and acknowledges it, and sends no health
 * samples of its own, so the only samples are the benchmark's.
 */
final class BenchPlatform implements AutoCloseable {

  static final String ACTOR = "system:benchmark-platform";

  private final RunningStack stack;
  private final String modelPrefix;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread thread;

  /** Acknowledges the commands for models whose name starts with {@code modelPrefix}. */
  BenchPlatform(RunningStack stack, String modelPrefix) throws InterruptedException {
    this.stack = stack;
    this.modelPrefix = modelPrefix;
    this.thread = new Thread(this::run, "bench-platform");
    thread.setDaemon(true);
    thread.start();
    if (!ready.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the traffic-commands consumer did not get its partitions");
    }
  }

  private void run() {
    Map<String, Object> config = Map.of("bootstrap.servers", stack.kafkaBootstrap(),
        "schema.registry.url", stack.registryUrl(), "linger.ms", 0);
    try (KafkaConsumer<String, TrafficCommand> commands = TopicTail.of(stack, Topics.TRAFFIC_COMMANDS);
        KafkaProducer<String, TrafficAck> acks = new KafkaProducer<>(config, new StringSerializer(),
            Topics.TRAFFIC_ACKS.valueSerde(config).serializer())) {
      ready.countDown();
      while (!stop.get()) {
        for (ConsumerRecord<String, TrafficCommand> record : commands.poll(Duration.ofMillis(20))) {
          TrafficCommand command = record.value();
          if (record.key().startsWith(modelPrefix)) {
            acks.send(new ProducerRecord<>(Topics.TRAFFIC_ACKS.name(), record.key(), ack(command)));
          }
        }
        acks.flush();
      }
    }
  }

  private static TrafficAck ack(TrafficCommand command) {
    Envelope c = command.getEnvelope();
    return TrafficAck.newBuilder()
        .setEnvelope(Envelope.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setOccurredAt(Instant.now())
            .setActor(ACTOR)
            .setDeploymentId(c.getDeploymentId())
            .setModelName(c.getModelName())
            .setModelVersion(c.getModelVersion())
            .setEnvironment(c.getEnvironment())
            .setCausationId(c.getEventId())
            .build())
        .setCommandId(command.getCommandId())
        .setApplied(true)
        .setMessage(null)
        .setWeights(command.getWeights())
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join(10_000);
  }
}
