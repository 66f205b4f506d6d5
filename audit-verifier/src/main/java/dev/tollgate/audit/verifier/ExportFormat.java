package dev.tollgate.audit.verifier;

/**
 * The audit export, format {@value #FORMAT}: UTF-8 NDJSON, every line ending in {@code \n}.
 *
 * <h2>Link lines</h2>
 * One per chain link, grouped by chain, ascending seq within a chain:
 * <pre>
 * {"type":"link","chainId":"tollgate.approvals-1","seq":5,"prevHash":"&lt;hex&gt;","hash":"&lt;hex&gt;",
 *  "kind":"event","topic":"tollgate.approvals","partition":1,"offset":105,"key":"&lt;base64&gt;","value":"&lt;base64&gt;",
 *  "schemaId":3,"eventId":"…","eventType":"ApprovalGranted","occurredAt":"2026-03-01T10:00:01Z","actor":"alice",
 *  "deploymentId":"…","modelName":"…","modelVersion":"…","environment":"…","causationId":null,
 *  "payload":{…decoded event, for people…}}
 * </pre>
 * An unreadable record has {@code "kind":"unreadable"}, {@code "reason"} and {@code "message"}
 * instead of the event fields, and no payload. Every field but {@code payload} is an input of the
 * link's canonical bytes ({@link dev.tollgate.audit.chain.CanonicalBytes}), so
 * {@code hash = SHA-256(prevHash ‖ canonical bytes)} is recomputed from the line itself; key and
 * value are the original Kafka bytes (Confluent framing included), in canonical base64.
 *
 * <h2>Manifest line (last)</h2>
 * <pre>
 * {"type":"manifest","format":"tollgate.audit.export/1","exportedAt":"…","filter":{"model":…,"from":…,"to":…},
 *  "links":n,"chains":[{"chainId","firstSeq","lastSeq","firstPrevHash","lastHash","links","contiguous"}],
 *  "checkpoints":[{"chainId","seq","headHash","eventCount","signedAt","keyId","signature"}],
 *  "linesSha256":"&lt;hex SHA-256 of every byte before the manifest line&gt;","keyId":"…","algorithm":"Ed25519",
 *  "manifestSignature":"&lt;base64&gt;"}
 * </pre>
 * {@code manifestSignature} is the Ed25519 signature, by key {@code keyId}, of the manifest line's
 * UTF-8 bytes with {@value #SIGNATURE_MARKER}…{@code "} removed — i.e. of the line as it reads
 * up to the marker, closed with {@code }}. The checkpoints are those the trail signed for the
 * exported chains within their exported seq ranges, each verifiable on its own
 * ({@link dev.tollgate.audit.chain.CheckpointStatement}).
 *
 * <h2>What a verified export proves</h2>
 * <ol>
 *   <li>Integrity of the file: the holder of the key the verifier was given produced exactly these
 *       bytes (manifest signature over linesSha256 over every preceding byte). Any change — one
 *       byte, a line added, removed or reordered — fails.</li>
 *   <li>Per link: its hash is SHA-256 over its stated prev_hash and its own fields.</li>
 *   <li>Continuity: where two exported links of a chain have consecutive seq, the second's
 *       prev_hash is the first's hash. A time-range export is contiguous per chain, so each chain
 *       section is one unbroken hash chain; a model export is a subset, checked only where the
 *       model's links are adjacent (the links in between are other models' and are not in the
 *       file; their absence is stated by {@code contiguous:false}, not hidden).</li>
 *   <li>Anchoring: a link whose seq a signed checkpoint names must have the checkpoint's head
 *       hash; the links of the same contiguous run up to it are then fixed by that checkpoint's
 *       signature, made when the chain was checkpointed — not only at export time. The verifier
 *       reports how many links are anchored so. The others (after a chain's last checkpoint, or
 *       isolated links of a model export) are vouched for by the manifest signature alone: the
 *       trail's content at export time.</li>
 * </ol>
 * It does not prove that a model export holds every event of the model (the service's selection
 * is trusted for that, and the signed manifest pins what it said), nor anything about events
 * outside the export.
 */
public final class ExportFormat {

  public static final String FORMAT = "tollgate.audit.export/1";
  public static final String SIGNATURE_MARKER = ",\"manifestSignature\":\"";
  public static final String KIND_EVENT = "event";
  public static final String KIND_UNREADABLE = "unreadable";

  private ExportFormat() {}
}
