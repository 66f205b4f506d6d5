package dev.tollgate.rollout.analysis;

import java.util.Arrays;

/**
 * A bounded, uniform sample of one version's per-sample metric values for an A/B experiment
 * (reservoir sampling, Vitter's algorithm R). The random choice is derived from the health
 * sample's id fingerprint instead of a random generator, so replaying the same samples (after a
 * crash, under exactly-once) builds the same reservoir. Immutable: {@link #with} returns a copy.
 *
 * @param seen values offered so far (kept or not)
 */
public final class ValueReservoir {

  /** Enough values for the test to find small differences; small enough for the per-sample write. */
  public static final int CAPACITY = 256;

  private final long seen;
  private final double[] values;

  private ValueReservoir(long seen, double[] values) {
    this.seen = seen;
    this.values = values;
  }

  public static ValueReservoir empty() {
    return new ValueReservoir(0, new double[0]);
  }

  public static ValueReservoir of(long seen, double[] values) {
    if (values.length > CAPACITY || seen < values.length) {
      throw new IllegalArgumentException(values.length + " values of " + seen + " seen, capacity " + CAPACITY);
    }
    return new ValueReservoir(seen, values.clone());
  }

  /** The reservoir after offering {@code value}; {@code fingerprint} decides whether it replaces a kept one. */
  public ValueReservoir with(double value, long fingerprint) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return this;
    }
    long count = seen + 1;
    if (values.length < CAPACITY) {
      double[] next = Arrays.copyOf(values, values.length + 1);
      next[values.length] = value;
      return new ValueReservoir(count, next);
    }
    long slot = Math.floorMod(mix(fingerprint), count);
    if (slot >= CAPACITY) {
      return new ValueReservoir(count, values);
    }
    double[] next = values.clone();
    next[(int) slot] = value;
    return new ValueReservoir(count, next);
  }

  public long seen() {
    return seen;
  }

  public int size() {
    return values.length;
  }

  public double[] values() {
    return values.clone();
  }

  /** SplitMix64's finaliser: spreads fingerprints that differ in few bits. */
  private static long mix(long x) {
    x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueReservoir r && r.seen == seen && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(seen) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ValueReservoir[seen=" + seen + ", kept=" + values.length + "]";
  }
}
