package dev.tollgate.localstack.serving;

import dev.tollgate.events.Envelope;
import dev.tollgate.events.TrafficAck;
import dev.tollgate.events.TrafficCommand;
import dev.tollgate.events.VersionWeight;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/** Traffic commands to the platform's {@link TrafficSplit}; the platform's {@link SplitResult} to a {@link TrafficAck}. */
public final class TrafficAcks {

  /** The actor of the simulator's acknowledgements and samples. */
  public static final String SIMULATOR_ACTOR = "system:serving-simulator";

  private final String actor;
  private final Clock clock;
  private final Supplier<String> eventIds;

  /** @param actor who acknowledges, {@code system:<adapter>} */
  public TrafficAcks(String actor, Clock clock, Supplier<String> eventIds) {
    this.actor = Objects.requireNonNull(actor, "actor");
    this.clock = clock;
    this.eventIds = eventIds;
  }

  public static TrafficSplit split(TrafficCommand command) {
    Envelope e = command.getEnvelope();
    return new TrafficSplit(e.getModelName(), e.getEnvironment(), command.getCommandId(),
        command.getWeights().stream().map(w -> new TrafficSplit.Share(w.getModelVersion(), w.getWeight())).toList(),
        command.getPreviewVersions());
  }

  /**
   * The acknowledgement of {@code command}: same deployment, model, version and environment, caused
   * by the command's event, saying whether the split is in effect and which split serves now.
   */
  public TrafficAck ack(TrafficCommand command, SplitResult result) {
    Envelope c = command.getEnvelope();
    Envelope envelope = Envelope.newBuilder()
        .setEventId(eventIds.get())
        .setOccurredAt(clock.instant())
        .setActor(actor)
        .setDeploymentId(c.getDeploymentId())
        .setModelName(c.getModelName())
        .setModelVersion(c.getModelVersion())
        .setEnvironment(c.getEnvironment())
        .setCausationId(c.getEventId())
        .build();
    return TrafficAck.newBuilder()
        .setEnvelope(envelope)
        .setCommandId(command.getCommandId())
        .setApplied(result.applied())
        .setMessage(result.message())
        .setWeights(result.inEffect().stream().map(s -> new VersionWeight(s.version(), s.weight())).toList())
        .build();
  }
}
