package dev.tollgate.localstack.serving;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.HealthSample;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one synthetic health sample per serving version and interval: for every split the
 * {@link SimulatedPlatform} has in effect, each version with traffic reports its profile's numbers
 * at its weight over the last interval. Versions at weight 0 serve nothing and report nothing,
 * unless they run as preview (blue-green): a preview version serves synthetic smoke traffic of
 * {@link #PREVIEW_WEIGHT} % of its profile's rate (a real platform would mirror or replay requests
 * to it) and reports its profile's numbers for it, so pre-promotion analysis has samples to judge.
 * Samples are fire-and-forget (idempotent producer, no transaction): a lost sample is a gap in
 * telemetry, which the analysis tolerates through its minimum sample count.
 */
public final class HealthSampleEmitter {

  private static final Logger log = LoggerFactory.getLogger(HealthSampleEmitter.class);

  /** The share of its profile's request rate a preview version serves as synthetic smoke traffic. */
  public static final int PREVIEW_WEIGHT = 10;

  private final SimulatedPlatform platform;
  private final ProfileBook profiles;
  private final SyntheticHealth health;
  private final Producer<String, HealthSample> producer;
  private final Duration interval;
  private final Clock clock;
  private final Supplier<String> eventIds;

  public HealthSampleEmitter(SimulatedPlatform platform, ProfileBook profiles, SyntheticHealth health,
      Producer<String, HealthSample> producer, Duration interval, Clock clock, Supplier<String> eventIds) {
    this.platform = platform;
    this.profiles = profiles;
    this.health = health;
    this.producer = producer;
    this.interval = interval;
    this.clock = clock;
    this.eventIds = eventIds;
  }

  /** One round of samples; returns how many were handed to the producer. */
  public int emit() {
    Instant end = clock.instant();
    int sent = 0;
    for (SimulatedPlatform.LiveSplit split : platform.live()) {
      List<TrafficSplit.Share> reporting = new ArrayList<>();
      split.shares().stream().filter(share -> share.weight() > 0).forEach(reporting::add);
      split.previewVersions().forEach(v -> reporting.add(new TrafficSplit.Share(v, PREVIEW_WEIGHT)));
      for (TrafficSplit.Share share : reporting) {
        HealthSample sample = sample(split, share, end);
        try {
          producer.send(new ProducerRecord<>(Topics.HEALTH_SAMPLES.name(), split.model(), sample), (metadata, e) -> {
            if (e != null) {
              log.warn("Serving simulator: a health sample of {} {} was not written: {}", split.model(),
                  share.version(), e.toString());
            }
          });
          sent++;
        } catch (RuntimeException e) {
          log.warn("Serving simulator: cannot send a health sample of {} {}: {}", split.model(), share.version(),
              e.toString());
        }
      }
    }
    return sent;
  }

  private HealthSample sample(SimulatedPlatform.LiveSplit split, TrafficSplit.Share share, Instant end) {
    HealthProfile profile = profiles.resolve(split.model(), share.version()).profile();
    SyntheticHealth.Reading reading = health.reading(profile, share.weight(), interval);
    Envelope envelope = Envelope.newBuilder()
        .setEventId(eventIds.get())
        .setOccurredAt(end)
        .setActor(TrafficAcks.SIMULATOR_ACTOR)
        .setDeploymentId(null) // platform telemetry knows versions, not deployments
        .setModelName(split.model())
        .setModelVersion(share.version())
        .setEnvironment(split.environment())
        .setCausationId(null)
        .build();
    return HealthSample.newBuilder()
        .setEnvelope(envelope)
        .setWindowStart(end.minus(interval))
        .setWindowEnd(end)
        .setRequestCount(reading.requestCount())
        .setErrorCount(reading.errorCount())
        .setLatencyP50Ms(reading.p50LatencyMs())
        .setLatencyP95Ms(reading.p95LatencyMs())
        .setLatencyP99Ms(reading.p99LatencyMs())
        .setCustomMetrics(new HashMap<>(reading.customMetrics()))
        .build();
  }
}
