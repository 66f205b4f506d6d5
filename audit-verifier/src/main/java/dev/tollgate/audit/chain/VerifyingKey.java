package dev.tollgate.audit.chain;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An Ed25519 public key that checks checkpoint and export signatures. Its id is the SHA-256
 * fingerprint (lowercase hex) of its X.509 SubjectPublicKeyInfo DER encoding — what
 * {@code openssl pkey -pubin -outform DER | sha256sum} prints — so anyone holding the PEM can
 * compute which key a signature names.
 */
public final class VerifyingKey {

  public static final String ALGORITHM = "Ed25519";

  private final PublicKey key;
  private final byte[] der;
  private final String keyId;

  private VerifyingKey(PublicKey key) {
    if (!ALGORITHM.equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
      throw new IllegalArgumentException("expected an Ed25519 public key, got " + key.getAlgorithm());
    }
    this.key = key;
    this.der = key.getEncoded();
    this.keyId = fingerprint(der);
  }

  public static VerifyingKey of(PublicKey key) {
    return new VerifyingKey(Objects.requireNonNull(key, "key"));
  }

  /** Reads a {@code -----BEGIN PUBLIC KEY-----} block (X.509 SubjectPublicKeyInfo). */
  public static VerifyingKey fromPem(String pem) {
    return fromDer(Pem.decode(Pem.PUBLIC_KEY, pem));
  }

  public static VerifyingKey fromDer(byte[] der) {
    try {
      return new VerifyingKey(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public String keyId() {
    return keyId;
  }

  public String pem() {
    return Pem.encode(Pem.PUBLIC_KEY, der);
  }

  PublicKey publicKey() {
    return key;
  }

  /** Whether {@code signature} is this key's Ed25519 signature of {@code message}; false for malformed input. */
  public boolean verifies(byte[] message, byte[] signature) {
    if (signature == null || signature.length != 64) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException e) {
      return false;
    } catch (InvalidKeyException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime cannot verify Ed25519 signatures", e);
    }
  }

  static String fingerprint(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifyingKey that && keyId.equals(that.keyId);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519 key " + keyId;
  }
}
