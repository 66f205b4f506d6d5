package dev.tollgate.audit.checkpoint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify the trail's checkpoints and exports. */
@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "verification", description = "Tamper evidence of the trail")
public class KeysController {

  private final SigningKeys keys;

  public KeysController(SigningKeys keys) {
    this.keys = keys;
  }

  @GetMapping
  @Operation(summary = "Public keys (PEM) of the trail: the active signing key and every earlier one; "
      + "keyId is the hex SHA-256 of the key's X.509 DER encoding")
  public Keys list() {
    return new Keys(keys.active().keyId(), keys.all());
  }

  /** {@code GET /api/v1/keys}. */
  public record Keys(String activeKeyId, List<SigningKeys.KeyView> keys) {}
}
