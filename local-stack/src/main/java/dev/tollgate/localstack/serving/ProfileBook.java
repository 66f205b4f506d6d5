package dev.tollgate.localstack.serving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health profile of every simulated model version. A version's profile is, first found: one
 * set over the control API, one in the profiles file for that version, the file's {@code "*"} entry
 * of that model, the file's {@code default}, {@link HealthProfile#HEALTHY}. Thread-safe: the
 * control API writes, the file watcher replaces the file's part, the sample emitter reads.
 */
public final class ProfileBook {

  /** Where a resolved profile came from. */
  public enum Source { API, FILE, FILE_MODEL_DEFAULT, FILE_DEFAULT, BUILT_IN_DEFAULT }

  /** A version's profile and where it came from. */
  public record Resolved(String model, String version, HealthProfile profile, Source source) {}

  private record Key(String model, String version) {}

  private final Map<Key, HealthProfile> fromApi = new ConcurrentHashMap<>();
  private volatile ProfileFile.Contents file = ProfileFile.Contents.EMPTY;

  public Resolved resolve(String model, String version) {
    HealthProfile set = fromApi.get(new Key(model, version));
    if (set != null) {
      return new Resolved(model, version, set, Source.API);
    }
    ProfileFile.Contents contents = file;
    Map<String, HealthProfile> versions = contents.models().getOrDefault(model, Map.of());
    if (versions.containsKey(version)) {
      return new Resolved(model, version, versions.get(version), Source.FILE);
    }
    if (versions.containsKey(ProfileFile.ANY_VERSION)) {
      return new Resolved(model, version, versions.get(ProfileFile.ANY_VERSION), Source.FILE_MODEL_DEFAULT);
    }
    if (contents.defaultProfile() != null) {
      return new Resolved(model, version, contents.defaultProfile(), Source.FILE_DEFAULT);
    }
    return new Resolved(model, version, HealthProfile.HEALTHY, Source.BUILT_IN_DEFAULT);
  }

  /** The profile every version without one of its own gets. */
  public HealthProfile defaultProfile() {
    HealthProfile fromFile = file.defaultProfile();
    return fromFile != null ? fromFile : HealthProfile.HEALTHY;
  }

  public void put(String model, String version, HealthProfile profile) {
    fromApi.put(new Key(model, version), Objects.requireNonNull(profile, "profile"));
  }

  /** Forgets the API's profile of the version; true if there was one. */
  public boolean remove(String model, String version) {
    return fromApi.remove(new Key(model, version)) != null;
  }

  /** Every profile set over the API or in the file, API first, each sorted by model and version. */
  public List<Resolved> configured() {
    List<Resolved> all = new ArrayList<>();
    fromApi.forEach((key, profile) -> all.add(new Resolved(key.model(), key.version(), profile, Source.API)));
    file.models().forEach((model, versions) -> versions.forEach((version, profile) -> all.add(new Resolved(
        model, version, profile, version.equals(ProfileFile.ANY_VERSION) ? Source.FILE_MODEL_DEFAULT : Source.FILE))));
    all.sort(Comparator.comparing((Resolved r) -> r.source() != Source.API)
        .thenComparing(Resolved::model).thenComparing(Resolved::version));
    return all;
  }

  /** Replaces what the profiles file says (a reload). */
  public void replaceFile(ProfileFile.Contents contents) {
    file = Objects.requireNonNull(contents, "contents");
  }
}
