package dev.tollgate.localstack.serving;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A serving platform that serves nothing: it remembers the split in effect per model and
 * environment, which the {@link HealthSampleEmitter} turns into synthetic traffic. It refuses
 * malformed splits, and splits that give traffic to a version whose profile says
 * {@code rejectTraffic}, the way a real platform refuses a revision that does not become ready
 * (a preview version with such a profile too: it would not become ready either).
 * Applying the same split again changes nothing, as {@link ServingPlatform} requires.
 */
public final class SimulatedPlatform implements ServingPlatform {

  /** The split serving one model in one environment, and the versions running beside it without live traffic. */
  public record LiveSplit(String model, String environment, List<TrafficSplit.Share> shares, String commandId,
      Instant appliedAt, List<String> previewVersions) {
    public LiveSplit {
      shares = List.copyOf(shares);
      previewVersions = previewVersions == null ? List.of() : List.copyOf(previewVersions);
    }
  }

  private record Lane(String model, String environment) {}

  private final ProfileBook profiles;
  private final Clock clock;
  private final Map<Lane, LiveSplit> live = new ConcurrentHashMap<>();

  public SimulatedPlatform(ProfileBook profiles, Clock clock) {
    this.profiles = profiles;
    this.clock = clock;
  }

  @Override
  public SplitResult apply(TrafficSplit split) {
    Lane lane = new Lane(split.model(), split.environment());
    List<TrafficSplit.Share> current = current(lane);
    var malformation = split.malformation();
    if (malformation.isPresent()) {
      return SplitResult.refused("refused a malformed split: " + malformation.get(), current);
    }
    for (TrafficSplit.Share share : split.shares()) {
      if (share.weight() > 0 && profiles.resolve(split.model(), share.version()).profile().rejectTraffic()) {
        return SplitResult.refused("version " + share.version() + " of " + split.model() + " is not ready to serve"
            + " (simulated: its profile rejects traffic)", current);
      }
    }
    for (String preview : split.previewVersions()) {
      if (profiles.resolve(split.model(), preview).profile().rejectTraffic()) {
        return SplitResult.refused("preview version " + preview + " of " + split.model() + " does not become ready"
            + " (simulated: its profile rejects traffic)", current);
      }
    }
    live.put(lane, new LiveSplit(split.model(), split.environment(), split.shares(), split.commandId(),
        clock.instant(), split.previewVersions()));
    return SplitResult.applied("simulated " + split.model() + " in " + split.environment() + " now serves "
        + split.describe(), split.shares());
  }

  /** Every split in effect, by model and environment. */
  public List<LiveSplit> live() {
    List<LiveSplit> all = new ArrayList<>(live.values());
    all.sort(Comparator.comparing(LiveSplit::model).thenComparing(LiveSplit::environment));
    return all;
  }

  private List<TrafficSplit.Share> current(Lane lane) {
    LiveSplit split = live.get(lane);
    return split == null ? List.of() : split.shares();
  }
}
