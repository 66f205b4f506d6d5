package dev.tollgate.audit.chain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The public keys whose signatures a verification accepts, by key id. */
public final class TrustedKeys {

  private final Map<String, VerifyingKey> byId;

  private TrustedKeys(Collection<VerifyingKey> keys) {
    Map<String, VerifyingKey> map = new LinkedHashMap<>();
    keys.forEach(k -> map.put(k.keyId(), k));
    this.byId = Map.copyOf(map);
  }

  public static TrustedKeys of(Collection<VerifyingKey> keys) {
    return new TrustedKeys(keys);
  }

  public static TrustedKeys of(VerifyingKey... keys) {
    return new TrustedKeys(List.of(keys));
  }

  public Optional<VerifyingKey> find(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /** Null when the checkpoint verifies; otherwise why not, for a person. */
  public String problemWith(SignedCheckpoint checkpoint) {
    String keyId = checkpoint.statement().keyId();
    VerifyingKey key = byId.get(keyId);
    if (key == null) {
      return "checkpoint at link " + checkpoint.seq() + " is signed with key " + keyId + ", which is not trusted";
    }
    return checkpoint.verifiedBy(key) ? null
        : "checkpoint at link " + checkpoint.seq() + " does not carry a valid signature of key " + keyId;
  }
}
