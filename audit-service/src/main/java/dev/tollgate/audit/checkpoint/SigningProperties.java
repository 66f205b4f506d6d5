package dev.tollgate.audit.checkpoint;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The trail's signing key ({@code tollgate.audit.signing.*}).
 *
 * @param privateKeyFile PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), e.g. from
 *     {@code openssl genpkey -algorithm ed25519 -out audit-key.pem}; needs {@code publicKeyFile}
 * @param publicKeyFile X.509 PEM ({@code -----BEGIN PUBLIC KEY-----}), e.g. from
 *     {@code openssl pkey -in audit-key.pem -pubout -out audit-key.pub.pem}
 * @param generateIfMissing without key files: use the key generated earlier and kept in the
 *     database, or generate and keep one if there is none (local development only: whoever can
 *     write the database can then forge signatures). False makes missing key files a startup error.
 */
@ConfigurationProperties("tollgate.audit.signing")
public record SigningProperties(Path privateKeyFile, Path publicKeyFile, @DefaultValue("true") boolean generateIfMissing) {}
