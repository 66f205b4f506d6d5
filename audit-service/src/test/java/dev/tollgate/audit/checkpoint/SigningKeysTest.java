package dev.tollgate.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.audit.chain.SigningKey;
import dev.tollgate.audit.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @RegisterExtension
  static final TestDatabase db = new TestDatabase();

  @TempDir
  Path dir;

  @BeforeEach
  void empty() {
    db.truncate();
  }

  @Test
  void aGeneratedKeyIsKeptAndReusedNeverReplaced() {
    SigningKeys first = SigningKeys.load(db.jdbc(), generated(), Clock.systemUTC());
    SigningKeys second = SigningKeys.load(db.jdbc(), generated(), Clock.systemUTC());

    assertThat(second.active().keyId()).isEqualTo(first.active().keyId());
    assertThat(second.activeOrigin()).isEqualTo("generated");
    assertThat(second.all()).singleElement().satisfies(k -> {
      assertThat(k.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
      assertThat(k.active()).isTrue();
    });
  }

  @Test
  void configuredFilesWinAndEarlierKeysStayTrusted() throws IOException {
    SigningKeys generated = SigningKeys.load(db.jdbc(), generated(), Clock.systemUTC());
    SigningKey fileKey = SigningKey.generate();
    Path privateKey = Files.writeString(dir.resolve("key.pem"), fileKey.privateKeyPem());
    Path publicKey = Files.writeString(dir.resolve("key.pub.pem"), fileKey.verifyingKey().pem());

    SigningKeys configured = SigningKeys.load(db.jdbc(), new SigningProperties(privateKey, publicKey, true),
        Clock.systemUTC());

    assertThat(configured.active().keyId()).isEqualTo(fileKey.keyId());
    assertThat(configured.all()).extracting(SigningKeys.KeyView::keyId, SigningKeys.KeyView::active)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(fileKey.keyId(), true),
            org.assertj.core.groups.Tuple.tuple(generated.active().keyId(), false));
    assertThat(configured.trusted().find(generated.active().keyId())).isPresent();
    assertThat(db.jdbc().queryForObject("SELECT count(*) FROM signing_key WHERE private_key_pem IS NOT NULL AND key_id = ?",
        Long.class, fileKey.keyId())).as("a configured private key is never stored").isZero();
  }

  @Test
  void withoutFilesAndWithoutGenerationStartupFails() {
    assertThatThrownBy(() -> SigningKeys.load(db.jdbc(), new SigningProperties(null, null, false), Clock.systemUTC()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("private-key-file");
    assertThatThrownBy(() -> SigningKeys.load(db.jdbc(), new SigningProperties(dir.resolve("x.pem"), null, true),
        Clock.systemUTC())).isInstanceOf(IllegalStateException.class).hasMessageContaining("go together");
  }

  private static SigningProperties generated() {
    return new SigningProperties(null, null, true);
  }
}
