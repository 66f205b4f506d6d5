package dev.tollgate.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CheckpointSignatureTest {

  // A key pair made with `openssl genpkey -algorithm ed25519`; the key id is
  // `openssl pkey -pubin -outform DER | sha256sum`, and SIGNATURE is `openssl pkeyutl -sign -rawin` over the
  // checkpoint bytes built outside Java (Python struct) from the layout documented on CheckpointStatement.
  static final String PRIVATE_PEM = """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEIEMXEo0PM7X9cPyuw/7nMFSC/80cBZnqTru3kVdgkvlo
      -----END PRIVATE KEY-----
      """;
  static final String PUBLIC_PEM = """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAuZ5hazxRU8+3tM2zk/ENY8NCaO24bnETBqkoohe0BNI=
      -----END PUBLIC KEY-----
      """;
  static final String KEY_ID = "8e94c3b0fb8e89edc23897be9eb64c099186e0421ee1d6117eea960cbb725920";
  static final String SIGNATURE =
      "q3FvIp3vNjlKHUng6iO9AVgRJUEZMylW7mZ5BPdHv7YGkAjSsGZJ3EVO6xMtdLLvfI5h2xliuBhZ4D/sUoxqAA==";
  static final Instant SIGNED_AT = Instant.parse("2026-03-01T10:00:00.123456Z");

  @Test
  void signsTheDocumentedBytesExactlyLikeOpenSsl() {
    SigningKey key = SigningKey.fromPem(PRIVATE_PEM, PUBLIC_PEM);
    ChainHead head = new ChainHead("tollgate.approvals-0", 42, ChainHash.of(filled((byte) 0x11)));

    SignedCheckpoint checkpoint = new CheckpointSigner(key, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).sign(head, 40);

    assertThat(key.keyId()).isEqualTo(KEY_ID);
    assertThat(checkpoint.statement().canonicalBytes()).hasSize(183);
    assertThat(checkpoint.statement().signedAt()).as("Avro carries millis").isEqualTo("2026-03-01T10:00:00.123Z");
    assertThat(Base64.getEncoder().encodeToString(checkpoint.signature())).isEqualTo(SIGNATURE);
    assertThat(checkpoint.verifiedBy(VerifyingKey.fromPem(PUBLIC_PEM))).isTrue();
  }

  @Test
  void anyChangedFieldFailsTheSignature() {
    SigningKey key = SigningKey.generate();
    SignedCheckpoint good = new CheckpointSigner(key, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
        .sign(new ChainHead("c-0", 7, ChainHash.of(filled((byte) 1))), 5);
    CheckpointStatement s = good.statement();

    assertThat(good.verifiedBy(key.verifyingKey())).isTrue();
    assertThat(resigned(good, new CheckpointStatement(s.chainId(), 8, s.headHash(), 5, s.signedAt(), s.keyId())))
        .matches(c -> !c.verifiedBy(key.verifyingKey()));
    assertThat(resigned(good, new CheckpointStatement(s.chainId(), 7, ChainHash.of(filled((byte) 2)), 5, s.signedAt(),
        s.keyId()))).matches(c -> !c.verifiedBy(key.verifyingKey()));
    assertThat(resigned(good, new CheckpointStatement(s.chainId(), 7, s.headHash(), 4, s.signedAt(), s.keyId())))
        .matches(c -> !c.verifiedBy(key.verifyingKey()));
    assertThat(resigned(good, new CheckpointStatement("c-1", 7, s.headHash(), 5, s.signedAt(), s.keyId())))
        .matches(c -> !c.verifiedBy(key.verifyingKey()));
    assertThat(resigned(good, new CheckpointStatement(s.chainId(), 7, s.headHash(), 5, s.signedAt().plusMillis(1),
        s.keyId()))).matches(c -> !c.verifiedBy(key.verifyingKey()));
    byte[] flipped = good.signature();
    flipped[10] ^= 1;
    assertThat(new SignedCheckpoint(s, flipped).verifiedBy(key.verifyingKey())).isFalse();
  }

  @Test
  void anotherKeyDoesNotVerify() {
    SignedCheckpoint checkpoint = new CheckpointSigner(SigningKey.generate(), Clock.systemUTC())
        .sign(new ChainHead("c-0", 1, ChainHash.GENESIS), 1);
    VerifyingKey other = SigningKey.generate().verifyingKey();

    assertThat(checkpoint.verifiedBy(other)).isFalse();
    assertThat(TrustedKeys.of(other).problemWith(checkpoint)).contains("not trusted");
  }

  @Test
  void keysRoundTripThroughPem() {
    SigningKey generated = SigningKey.generate();

    SigningKey reloaded = SigningKey.fromPem(generated.privateKeyPem(), generated.verifyingKey().pem());

    assertThat(reloaded.keyId()).isEqualTo(generated.keyId()).hasSize(64);
    assertThat(VerifyingKey.fromPem(generated.verifyingKey().pem())).isEqualTo(generated.verifyingKey());
    assertThat(reloaded.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void aMismatchedPairOrAWrongBlockIsRejected() {
    SigningKey other = SigningKey.generate();

    assertThatThrownBy(() -> SigningKey.fromPem(PRIVATE_PEM, other.verifyingKey().pem()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
    assertThatThrownBy(() -> VerifyingKey.fromPem(PRIVATE_PEM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public key");
    assertThatThrownBy(() -> VerifyingKey.fromPem("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SignedCheckpoint resigned(SignedCheckpoint original, CheckpointStatement changed) {
    return new SignedCheckpoint(changed, original.signature());
  }

  static byte[] filled(byte value) {
    byte[] bytes = new byte[ChainHash.LENGTH];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }
}
