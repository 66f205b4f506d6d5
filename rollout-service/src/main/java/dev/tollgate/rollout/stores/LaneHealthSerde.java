package dev.tollgate.rollout.stores;

import dev.tollgate.rollout.analysis.HealthStats;
import dev.tollgate.rollout.analysis.LaneHealth;
import dev.tollgate.rollout.analysis.SampleIdRing;
import dev.tollgate.rollout.analysis.ValueReservoir;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The analysis window in a compact binary form. It is read and written once per health sample, the
 * hottest path of the service, where JSON (a hundred sample ids as strings) cost most of the time.
 * Format 1: a format byte, then the fields in order (strings as length-prefixed UTF-8), the sample
 * ids as their 64-bit fingerprints. Format 2 (written only while an A/B experiment collects values,
 * so that a window without one stays readable by a version that knows only format 1): format 1's
 * fields, then the experiment metric and per version its reservoir (values seen, values kept, the
 * kept values as doubles). Windows stored as JSON by earlier versions are still read, so an upgrade
 * in the middle of a rollout loses none.
 */
public final class LaneHealthSerde implements Serde<LaneHealth> {

  static final byte FORMAT = 1;
  static final byte FORMAT_WITH_EXPERIMENT = 2;

  /** What earlier versions stored: the window with its sample ids as strings. */
  record JsonWindow(String deploymentId, Instant windowStart, Map<String, HealthStats> versions,
      List<String> recentSampleIds) {}

  private static final Deserializer<JsonWindow> JSON = new JsonStoreSerde<>(JsonWindow.class).deserializer();

  @Override
  public Serializer<LaneHealth> serializer() {
    return (topic, health) -> health == null ? null : write(health);
  }

  @Override
  public Deserializer<LaneHealth> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == '{') {
        return fromJson(JSON.deserialize(topic, bytes));
      }
      try {
        return read(ByteBuffer.wrap(bytes));
      } catch (BufferUnderflowException | IllegalArgumentException e) {
        throw new SerializationException("cannot read LaneHealth from store " + topic, e);
      }
    };
  }

  private static byte[] write(LaneHealth health) {
    byte[] deploymentId = utf8(health.deploymentId());
    Map<byte[], HealthStats> versions = new LinkedHashMap<>();
    int size = 1 + 4 + deploymentId.length + 8 + 4 + 4 + 4 + 8 * health.recentSampleIds().size();
    for (HealthStats stats : health.versions().values()) {
      byte[] version = utf8(stats.version());
      versions.put(version, stats);
      size += 4 + version.length + 8 * 3 + 8 + 4;
      for (String metric : stats.customMetrics().keySet()) {
        size += 4 + utf8(metric).length + 8;
      }
    }
    byte[] metric = health.experimentMetric() == null ? null : utf8(health.experimentMetric());
    Map<byte[], ValueReservoir> reservoirs = new LinkedHashMap<>();
    if (metric != null) {
      size += 4 + metric.length + 4;
      for (Map.Entry<String, ValueReservoir> entry : health.reservoirs().entrySet()) {
        byte[] version = utf8(entry.getKey());
        reservoirs.put(version, entry.getValue());
        size += 4 + version.length + 8 + 4 + 8 * entry.getValue().size();
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(metric == null ? FORMAT : FORMAT_WITH_EXPERIMENT);
    putBytes(out, deploymentId);
    out.putLong(health.windowStart().getEpochSecond());
    out.putInt(health.windowStart().getNano());
    out.putInt(versions.size());
    versions.forEach((version, stats) -> {
      putBytes(out, version);
      out.putLong(stats.sampleCount());
      out.putLong(stats.requestCount());
      out.putLong(stats.errorCount());
      out.putDouble(stats.p99LatencyMs());
      out.putInt(stats.customMetrics().size());
      stats.customMetrics().forEach((name, value) -> {
        putBytes(out, utf8(name));
        out.putDouble(value);
      });
    });
    long[] ids = health.recentSampleIds().fingerprints();
    out.putInt(ids.length);
    out.asLongBuffer().put(ids);
    out.position(out.position() + 8 * ids.length);
    if (metric != null) {
      putBytes(out, metric);
      out.putInt(reservoirs.size());
      reservoirs.forEach((version, reservoir) -> {
        putBytes(out, version);
        out.putLong(reservoir.seen());
        double[] values = reservoir.values();
        out.putInt(values.length);
        for (double value : values) {
          out.putDouble(value);
        }
      });
    }
    return out.array();
  }

  private static LaneHealth read(ByteBuffer in) {
    byte format = in.get();
    if (format != FORMAT && format != FORMAT_WITH_EXPERIMENT) {
      throw new IllegalArgumentException("unknown LaneHealth format " + format);
    }
    String deploymentId = getString(in);
    Instant windowStart = Instant.ofEpochSecond(in.getLong(), in.getInt());
    int versionCount = in.getInt();
    Map<String, HealthStats> versions = new LinkedHashMap<>();
    for (int v = 0; v < versionCount; v++) {
      String version = getString(in);
      long samples = in.getLong();
      long requests = in.getLong();
      long errors = in.getLong();
      double p99 = in.getDouble();
      int metricCount = in.getInt();
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int m = 0; m < metricCount; m++) {
        metrics.put(getString(in), in.getDouble());
      }
      versions.put(version, new HealthStats(version, samples, requests, errors, p99, metrics));
    }
    long[] ids = new long[in.getInt()];
    in.asLongBuffer().get(ids);
    in.position(in.position() + 8 * ids.length);
    if (format == FORMAT) {
      return new LaneHealth(deploymentId, windowStart, versions, SampleIdRing.of(ids));
    }
    String metric = getString(in);
    int reservoirCount = in.getInt();
    Map<String, ValueReservoir> reservoirs = new LinkedHashMap<>();
    for (int r = 0; r < reservoirCount; r++) {
      String version = getString(in);
      long seen = in.getLong();
      int kept = in.getInt();
      if (kept < 0 || kept > ValueReservoir.CAPACITY) {
        throw new IllegalArgumentException("reservoir of " + kept + " values");
      }
      double[] values = new double[kept];
      for (int v = 0; v < kept; v++) {
        values[v] = in.getDouble();
      }
      reservoirs.put(version, ValueReservoir.of(seen, values));
    }
    return new LaneHealth(deploymentId, windowStart, versions, SampleIdRing.of(ids), metric, reservoirs);
  }

  private static LaneHealth fromJson(JsonWindow window) {
    List<String> ids = window.recentSampleIds() == null ? List.of() : window.recentSampleIds();
    long[] fingerprints = new long[ids.size()];
    for (int i = 0; i < fingerprints.length; i++) {
      fingerprints[i] = SampleIdRing.fingerprint(ids.get(i));
    }
    return new LaneHealth(window.deploymentId(), window.windowStart(), window.versions(),
        SampleIdRing.of(fingerprints));
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static void putBytes(ByteBuffer out, byte[] bytes) {
    out.putInt(bytes.length);
    out.put(bytes);
  }

  private static String getString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("string of " + length + " bytes with " + in.remaining() + " left");
    }
    String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }
}
