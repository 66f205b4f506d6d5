package dev.tollgate.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/**
 * The Ed25519 key pair the audit trail signs with, using the JDK's own provider. Loading a pair
 * checks that the private key signs what the public key verifies, so a mismatched pair of files
 * fails at startup instead of producing checkpoints nobody can verify.
 */
public final class SigningKey {

  private final PrivateKey privateKey;
  private final VerifyingKey verifyingKey;

  private SigningKey(PrivateKey privateKey, VerifyingKey verifyingKey) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.verifyingKey = Objects.requireNonNull(verifyingKey, "verifyingKey");
    byte[] probe = ("tollgate key pair check " + verifyingKey.keyId()).getBytes(StandardCharsets.UTF_8);
    if (!verifyingKey.verifies(probe, sign(probe))) {
      throw new IllegalArgumentException("the private key does not belong to public key " + verifyingKey.keyId());
    }
  }

  public static SigningKey generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(VerifyingKey.ALGORITHM).generateKeyPair();
      return new SigningKey(pair.getPrivate(), VerifyingKey.of(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this Java runtime cannot generate Ed25519 keys", e);
    }
  }

  /** From a {@code PRIVATE KEY} (PKCS#8) and a {@code PUBLIC KEY} (X.509) PEM block. */
  public static SigningKey fromPem(String privateKeyPem, String publicKeyPem) {
    return fromDer(Pem.decode(Pem.PRIVATE_KEY, privateKeyPem), VerifyingKey.fromPem(publicKeyPem));
  }

  public static SigningKey fromDer(byte[] pkcs8, VerifyingKey publicKey) {
    try {
      PrivateKey key = KeyFactory.getInstance(VerifyingKey.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new SigningKey(key, publicKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
    }
  }

  public String keyId() {
    return verifyingKey.keyId();
  }

  public VerifyingKey verifyingKey() {
    return verifyingKey;
  }

  /** PKCS#8 PEM of the private key: only for persisting a generated key. */
  public String privateKeyPem() {
    return Pem.encode(Pem.PRIVATE_KEY, privateKey.getEncoded());
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance(VerifyingKey.ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  @Override
  public String toString() {
    return "Ed25519 signing key " + keyId(); // never the key material
  }
}
