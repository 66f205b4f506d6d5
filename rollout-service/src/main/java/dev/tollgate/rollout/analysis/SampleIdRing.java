package dev.tollgate.rollout.analysis;

import java.util.Arrays;

/**
 * The ids of the latest samples aggregated, newest last, at most {@code capacity} of them, kept as
 * 64-bit fingerprints: on the hot sample path the window is read and written once per sample, and
 * 128 longs cost a fraction of 128 strings to copy, store and compare. Two different ids sharing a
 * fingerprint (odds about 2^-57 per sample with 128 remembered) would drop one sample as a
 * duplicate, which the sample counts show. Immutable: {@link #with} returns a new ring.
 */
public final class SampleIdRing {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final long[] fingerprints;

  private SampleIdRing(long[] fingerprints) {
    this.fingerprints = fingerprints;
  }

  public static SampleIdRing empty() {
    return new SampleIdRing(new long[0]);
  }

  /** From stored fingerprints, oldest first (the store serde's way back). */
  public static SampleIdRing of(long... fingerprints) {
    return new SampleIdRing(fingerprints.clone());
  }

  /** 64-bit FNV-1a over the id's characters, then mixed (murmur3's finalizer) so close ids spread. */
  public static long fingerprint(String id) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < id.length(); i++) {
      hash ^= id.charAt(i);
      hash *= FNV_PRIME;
    }
    return mixed(hash);
  }

  /**
   * {@link #fingerprint(String)} of an id given as {@code length} bytes from {@code offset}, all
   * ASCII (where a byte is a char), without making the string.
   */
  public static long fingerprint(byte[] ascii, int offset, int length) {
    long hash = FNV_OFFSET;
    for (int i = offset; i < offset + length; i++) {
      hash ^= ascii[i];
      hash *= FNV_PRIME;
    }
    return mixed(hash);
  }

  private static long mixed(long hash) {
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    return hash ^ (hash >>> 33);
  }

  public boolean contains(long fingerprint) {
    for (long known : fingerprints) {
      if (known == fingerprint) {
        return true;
      }
    }
    return false;
  }

  /** This ring plus {@code fingerprint}, dropping the oldest beyond {@code capacity}. */
  public SampleIdRing with(long fingerprint, int capacity) {
    int keep = Math.min(fingerprints.length, capacity - 1);
    long[] next = new long[keep + 1];
    System.arraycopy(fingerprints, fingerprints.length - keep, next, 0, keep);
    next[keep] = fingerprint;
    return new SampleIdRing(next);
  }

  public int size() {
    return fingerprints.length;
  }

  /** The fingerprints, oldest first (a copy). */
  public long[] fingerprints() {
    return fingerprints.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SampleIdRing ring && Arrays.equals(fingerprints, ring.fingerprints);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fingerprints);
  }

  @Override
  public String toString() {
    return "SampleIdRing[" + fingerprints.length + " ids]";
  }
}
