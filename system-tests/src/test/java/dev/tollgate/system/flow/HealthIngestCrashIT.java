package dev.tollgate.system.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.schemas.topic.Topics;
import dev.tollgate.system.stack.JsonHttp;
import dev.tollgate.system.stack.KafkaProbe;
import dev.tollgate.system.stack.LocalStackExtension;
import dev.tollgate.system.stack.ServiceCrash;
import dev.tollgate.system.stack.StackEndpoints;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * rollout-service killed (SIGKILL) while health samples stream in: its health ingest and its
 * controller both resume from what they committed, so the analysis window counts every sample once.
 *
 * <p>The serving simulator reports health for the same version too. Each of the test's samples
 * carries a million requests, more than the simulator's samples add up to in the window, so the
 * window's request count divided by a million is the number of the test's samples it holds.
 */
@ExtendWith(LocalStackExtension.class)
class HealthIngestCrashIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final int SAMPLES = 20_000;
  private static final long REQUESTS_PER_SAMPLE = 1_000_000;
  private static final int MEASURE_AFTER_SECONDS = 60;
  private static final Pattern CANDIDATE = Pattern.compile("1\\.0\\.0: (\\d+) samples, (\\d+)/(\\d+) errors");

  private final JsonHttp http = new JsonHttp();

  @Test
  void killedWhileSamplesStreamInItCountsEverySampleExactlyOnce(StackEndpoints stack) throws Exception {
    String model = DeploymentRequests.uniqueModel("ingest-crash");
    Map<String, Object> request = new LinkedHashMap<>(DeploymentRequests.canary(model, "1.0.0", "staging",
        DeploymentRequests.digest()));
    request.put("strategy", Map.of("kind", "CANARY", "steps", List.of(
        Map.of("setWeight", 10),
        Map.of("analysis", Map.of("intervalSeconds", MEASURE_AFTER_SECONDS, "count", 1, "failureLimit", 0,
            "minSampleCount", 1, "maxErrorRate", 0.5, "maxP99LatencyMs", 10_000)),
        Map.of("setWeight", 100))));
    new Deployments(stack).requestAndApprove(request);
    URI state = stack.rollout().resolve("/api/v1/models/" + model + "/versions/1.0.0/environments/staging");
    Awaitility.await("analysis window open").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> http.get(state, null).body().path("currentStepIndex").asInt(-1) == 1);
    Instant windowOpen = Instant.now();

    CountDownLatch quarterSent = new CountDownLatch(1);
    CompletableFuture<Void> production = CompletableFuture.runAsync(() -> produce(stack, model, quarterSent));
    assertThat(quarterSent.await(60, TimeUnit.SECONDS)).as("a quarter of the samples sent").isTrue();
    ServiceCrash.killAndAwaitRestart(stack, "rollout-service", stack.rollout());
    production.get(60, TimeUnit.SECONDS);

    Awaitility.await("the analysis measured").atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(() -> http.get(state, null).body().path("lastVerdict").asText().startsWith("passed:"));
    String verdict = http.get(state, null).body().path("lastVerdict").asText();
    Matcher candidate = CANDIDATE.matcher(verdict);
    assertThat(candidate.find()).as(verdict).isTrue();
    long requests = Long.parseLong(candidate.group(3));
    assertThat(requests / REQUESTS_PER_SAMPLE)
        .as("the test's samples in the window (%s); the window was measured %s after it opened", verdict,
            Duration.between(windowOpen, Instant.now()))
        .isEqualTo(SAMPLES);
  }

  /** About 4,000 samples a second, so the kill lands while they stream in. */
  private static void produce(StackEndpoints stack, String model, CountDownLatch quarterSent) {
    try (KafkaProducer<String, HealthSample> producer = new KafkaProbe(stack).producer(Topics.HEALTH_SAMPLES)) {
      for (int i = 0; i < SAMPLES; i++) {
        producer.send(new ProducerRecord<>(Topics.HEALTH_SAMPLES.name(), model, sample(model)));
        if (i == SAMPLES / 4) {
          producer.flush();
          quarterSent.countDown();
        }
        if (i % 40 == 0) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
      }
      producer.flush();
    }
  }

  private static HealthSample sample(String model) {
    Instant now = Instant.now();
    return HealthSample.newBuilder()
        .setEnvelope(Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
            .setActor("platform:ingest-crash-it").setDeploymentId(null).setModelName(model).setModelVersion("1.0.0")
            .setEnvironment("staging").setCausationId(null).build())
        .setWindowStart(now.minusSeconds(1)).setWindowEnd(now)
        .setRequestCount(REQUESTS_PER_SAMPLE).setErrorCount(0)
        .setLatencyP50Ms(10).setLatencyP95Ms(20).setLatencyP99Ms(40)
        .setCustomMetrics(Map.of())
        .build();
  }
}
