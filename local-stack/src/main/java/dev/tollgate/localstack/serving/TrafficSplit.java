package dev.tollgate.localstack.serving;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The traffic split rollout-service wants for one model in one environment: a weight (0..100) per
 * version. Weights may add up to less than 100 when a model has no known-good version yet (a first
 * canary at 20 % serves 20 % of the traffic the route would take); the rest is not served by this
 * model.
 *
 * @param commandId the traffic command asking for it, for the platform's logs
 * @param previewVersions versions to keep running without live traffic (a blue-green preview before
 *     the switch, the old version on standby after it); a version in neither list may be removed
 */
public record TrafficSplit(String model, String environment, String commandId, List<Share> shares,
    List<String> previewVersions) {

  /** One version's share of the traffic, in percent. */
  public record Share(String version, int weight) {
    public Share {
      Objects.requireNonNull(version, "version");
    }
  }

  public TrafficSplit {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(environment, "environment");
    shares = List.copyOf(shares);
    previewVersions = previewVersions == null ? List.of() : List.copyOf(previewVersions);
  }

  /** A split without preview versions. */
  public TrafficSplit(String model, String environment, String commandId, List<Share> shares) {
    this(model, environment, commandId, shares, List.of());
  }

  /** Why no platform could apply this split, if it is malformed; empty when it is well-formed. */
  public Optional<String> malformation() {
    if (shares.isEmpty()) {
      return Optional.of("the split names no version");
    }
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (Share share : shares) {
      if (share.weight() < 0 || share.weight() > 100) {
        problems.add("weight of " + share.version() + " is " + share.weight() + ", not within 0..100");
      }
      if (!seen.add(share.version())) {
        problems.add("version " + share.version() + " is named twice");
      }
      total += share.weight();
    }
    for (String preview : previewVersions) {
      if (shares.stream().anyMatch(s -> s.version().equals(preview) && s.weight() > 0)) {
        problems.add("preview version " + preview + " also has live traffic");
      }
    }
    if (total > 100) {
      problems.add("weights add up to " + total + " %, more than 100 %");
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** E.g. {@code 2.0.0=20%, 1.4.0=80%}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    shares.forEach(s -> parts.add(s.version() + "=" + s.weight() + "%"));
    String described = String.join(", ", parts);
    return previewVersions.isEmpty() ? described : described + " (preview: " + String.join(", ", previewVersions) + ")";
  }
}
