package dev.tollgate.audit.checkpoint;

import dev.tollgate.audit.chain.SigningKey;
import dev.tollgate.audit.chain.TrustedKeys;
import dev.tollgate.audit.chain.VerifyingKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key the trail signs with now, and every public key that ever signed for it.
 *
 * <p>Which key signs: the PEM files when {@code tollgate.audit.signing.private-key-file} is set
 * (their public key is recorded in {@code signing_key} so that its checkpoints stay verifiable
 * after a later key change); otherwise the key generated earlier and kept in the database;
 * otherwise — only with {@code generate-if-missing} — a new key, generated once and kept. A stored
 * generated key is always reused, never replaced: a unique index allows one.
 */
public final class SigningKeys {

  static final String GENERATED = "generated";
  static final String CONFIGURED = "configured";

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private final JdbcTemplate jdbc;
  private final SigningKey active;
  private final String activeOrigin;

  private SigningKeys(JdbcTemplate jdbc, SigningKey active, String activeOrigin) {
    this.jdbc = jdbc;
    this.active = active;
    this.activeOrigin = activeOrigin;
  }

  /** Resolves the signing key at startup; fails when it cannot be loaded. */
  public static SigningKeys load(JdbcTemplate jdbc, SigningProperties properties, Clock clock) {
    if (properties.privateKeyFile() != null || properties.publicKeyFile() != null) {
      if (properties.privateKeyFile() == null || properties.publicKeyFile() == null) {
        throw new IllegalStateException("tollgate.audit.signing.private-key-file and public-key-file go together");
      }
      SigningKey key = SigningKey.fromPem(read(properties.privateKeyFile()), read(properties.publicKeyFile()));
      jdbc.update("""
          INSERT INTO signing_key (key_id, public_key_pem, private_key_pem, origin, created_at)
          VALUES (?, ?, NULL, ?, ?) ON CONFLICT (key_id) DO NOTHING""",
          key.keyId(), key.verifyingKey().pem(), CONFIGURED, Timestamp.from(clock.instant()));
      log.info("Audit checkpoints are signed with Ed25519 key {} from {}", key.keyId(), properties.privateKeyFile());
      return new SigningKeys(jdbc, key, CONFIGURED);
    }
    SigningKey stored = storedGenerated(jdbc);
    if (stored != null) {
      log.info("Audit checkpoints are signed with Ed25519 key {}, generated earlier and kept in the database "
          + "(development setup: configure tollgate.audit.signing.*-key-file for production)", stored.keyId());
      return new SigningKeys(jdbc, stored, GENERATED);
    }
    if (!properties.generateIfMissing()) {
      throw new IllegalStateException("no audit signing key: set tollgate.audit.signing.private-key-file and "
          + "public-key-file, or allow tollgate.audit.signing.generate-if-missing for local development");
    }
    SigningKey generated = SigningKey.generate();
    int inserted = jdbc.update("""
        INSERT INTO signing_key (key_id, public_key_pem, private_key_pem, origin, created_at)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        generated.keyId(), generated.verifyingKey().pem(), generated.privateKeyPem(), GENERATED,
        Timestamp.from(clock.instant()));
    SigningKey kept = inserted == 1 ? generated : storedGenerated(jdbc); // another instance won the race
    log.warn("Generated Ed25519 audit signing key {} and stored it in the database. Development only: whoever can "
        + "write the database can forge checkpoints. Configure tollgate.audit.signing.private-key-file and "
        + "public-key-file for production.", kept.keyId());
    return new SigningKeys(jdbc, kept, GENERATED);
  }

  public SigningKey active() {
    return active;
  }

  public String activeOrigin() {
    return activeOrigin;
  }

  /** Every key recorded for this trail, the active one first. */
  public List<KeyView> all() {
    return jdbc.query("""
        SELECT key_id, public_key_pem, origin, created_at FROM signing_key
         ORDER BY key_id = ? DESC, created_at DESC, key_id""",
        (rs, i) -> new KeyView(rs.getString(1), VerifyingKey.ALGORITHM, rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(1).equals(active.keyId())),
        active.keyId());
  }

  /**
   * The keys whose checkpoint signatures the verify endpoint accepts: the active key and every
   * recorded one. A database writer could record a key of their own, so this check guards against
   * edits, not against someone who also re-signs; the offline verifier, given a public key obtained
   * out of band, guards against both.
   */
  public TrustedKeys trusted() {
    List<VerifyingKey> keys = new ArrayList<>();
    keys.add(active.verifyingKey());
    jdbc.query("SELECT key_id, public_key_pem FROM signing_key", rs -> {
      try {
        keys.add(VerifyingKey.fromPem(rs.getString(2)));
      } catch (IllegalArgumentException e) {
        // an unreadable stored key trusts nothing; the checkpoints it signed fail verification
        log.warn("Stored public key {} cannot be read: {}", rs.getString(1), e.getMessage());
      }
    });
    return TrustedKeys.of(keys);
  }

  private static SigningKey storedGenerated(JdbcTemplate jdbc) {
    List<SigningKey> keys = jdbc.query(
        "SELECT public_key_pem, private_key_pem FROM signing_key WHERE origin = ? AND private_key_pem IS NOT NULL",
        (rs, i) -> SigningKey.fromPem(rs.getString(2), rs.getString(1)), GENERATED);
    return keys.isEmpty() ? null : keys.get(0);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit signing key file " + file, e);
    }
  }

  /** A public key as {@code GET /api/v1/keys} shows it. */
  public record KeyView(String keyId, String algorithm, String publicKeyPem, String origin, Instant createdAt,
      boolean active) {}
}
