package dev.tollgate.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest of a chain link. Compared by content, printed as lowercase hex. */
public final class ChainHash {

  public static final int LENGTH = 32;

  /** The {@code prev_hash} of every chain's first link: 32 zero bytes. */
  public static final ChainHash GENESIS = new ChainHash(new byte[LENGTH]);

  private final byte[] bytes;

  private ChainHash(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a chain hash has " + LENGTH + " bytes, got " + bytes.length);
    }
    this.bytes = bytes;
  }

  public static ChainHash of(byte[] bytes) {
    return new ChainHash(bytes.clone());
  }

  public static ChainHash ofHex(String hex) {
    return new ChainHash(HexFormat.of().parseHex(hex));
  }

  /** SHA-256 over the previous link's hash bytes followed by this link's canonical bytes. */
  public static ChainHash link(ChainHash previous, byte[] canonicalBytes) {
    MessageDigest sha256 = sha256();
    sha256.update(previous.bytes);
    sha256.update(canonicalBytes);
    return new ChainHash(sha256.digest());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    // constant-time, though nothing secret is compared here; it costs nothing
    return other instanceof ChainHash that && MessageDigest.isEqual(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
