package dev.tollgate.rollout.topology;

import dev.tollgate.rollout.analysis.SampleCounts;
import dev.tollgate.rollout.strategy.RolloutSettings;
import dev.tollgate.schemas.serde.AvroSerdeConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What the topology factory needs.
 *
 * @param serdeConfig client config for the Avro serdes; must hold {@code schema.registry.url}
 * @param clock the source of event times and of "now" for timers
 * @param timerInterval how often the wall-clock punctuator looks for due timers
 * @param settings what the controller executes and its timeouts
 * @param ids event and command ids (random UUIDs unless a test needs them predictable)
 * @param sampleCounts where the fate of every health sample is counted (Spring exposes it as a metric)
 * @param liveHistoryRetention how far back "what was live at T" can be answered
 */
public record RolloutTopologyConfig(
    Map<String, ?> serdeConfig, Clock clock, Duration timerInterval, RolloutSettings settings, Supplier<String> ids,
    SampleCounts sampleCounts, Duration liveHistoryRetention) {

  public static final Duration DEFAULT_TIMER_INTERVAL = Duration.ofMillis(250);
  public static final Duration DEFAULT_LIVE_HISTORY_RETENTION = Duration.ofDays(90);

  public RolloutTopologyConfig {
    serdeConfig = Map.copyOf(Objects.requireNonNull(serdeConfig, "serdeConfig"));
    if (!serdeConfig.containsKey(AvroSerdeConfig.SCHEMA_REGISTRY_URL)) {
      throw new IllegalArgumentException("serdeConfig needs " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(sampleCounts, "sampleCounts");
    if (timerInterval == null || timerInterval.isNegative() || timerInterval.isZero()) {
      throw new IllegalArgumentException("timerInterval must be positive");
    }
    if (liveHistoryRetention == null || liveHistoryRetention.isNegative() || liveHistoryRetention.isZero()) {
      throw new IllegalArgumentException("liveHistoryRetention must be positive");
    }
  }

  /** With the default live-history retention. */
  public RolloutTopologyConfig(Map<String, ?> serdeConfig, Clock clock, Duration timerInterval,
      RolloutSettings settings, Supplier<String> ids, SampleCounts sampleCounts) {
    this(serdeConfig, clock, timerInterval, settings, ids, sampleCounts, DEFAULT_LIVE_HISTORY_RETENTION);
  }

  /** Defaults: 250 ms timers, default settings, random UUIDs, fresh sample counts, 90 days of live history. */
  public static RolloutTopologyConfig of(Map<String, ?> serdeConfig, Clock clock) {
    return new RolloutTopologyConfig(serdeConfig, clock, DEFAULT_TIMER_INTERVAL, RolloutSettings.defaults(),
        () -> UUID.randomUUID().toString(), new SampleCounts());
  }
}
