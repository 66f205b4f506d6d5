package dev.tollgate.audit.checkpoint;

import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.chain.ChainVerifier;
import dev.tollgate.audit.chain.CheckpointSigner;
import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.audit.chain.TrustedKeys;
import dev.tollgate.audit.verify.ChainStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One checkpoint round: for every chain whose recorded head moved since its last checkpoint,
 * verify the links appended since (from the last checkpoint's signed head, or from link 1), then
 * sign the new head. A chain that does not verify is not signed — a signature must never launder
 * an edit — and the refusal is logged and counted ({@code tollgate.audit.checkpoints.refused}).
 * All of it reads one REPEATABLE READ snapshot, so heads and links agree while the ingest appends.
 *
 * <p>A chain's latest stored checkpoint is checked against its signature before a new one builds
 * on it, unless it is byte for byte the checkpoint this instance signed (or already checked) last
 * for that chain: the same statement and signature cannot fail a check they passed, and Ed25519
 * verification in the JDK costs about a millisecond, once per chain per round under load. Any
 * edit of the stored row makes it differ, so it is checked and refused as before.
 */
public class Checkpointer {

  private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

  private final CheckpointStore checkpoints;
  private final ChainStore chains;
  private final SigningKeys keys;
  private final CheckpointSigner signer;
  private final TransactionTemplate snapshot;
  private final Counter signedCounter;
  private final Counter refusedCounter;
  /** Per chain, the latest checkpoint known to verify: signed here, or checked here. */
  private final Map<String, SignedCheckpoint> vouched = new ConcurrentHashMap<>();

  /** @param snapshot a transaction template with REPEATABLE READ isolation */
  public Checkpointer(CheckpointStore checkpoints, ChainStore chains, SigningKeys keys, CheckpointSigner signer,
      TransactionTemplate snapshot, MeterRegistry meters) {
    this.checkpoints = checkpoints;
    this.chains = chains;
    this.keys = keys;
    this.signer = signer;
    this.snapshot = snapshot;
    this.signedCounter = Counter.builder("tollgate.audit.checkpoints.signed")
        .description("Chain heads signed").register(meters);
    this.refusedCounter = Counter.builder("tollgate.audit.checkpoints.refused")
        .description("Chain heads not signed because the links since the last checkpoint did not verify")
        .register(meters);
  }

  /** What a round did: checkpoints signed and stored, and chains refused with the reason. */
  public record Round(List<SignedCheckpoint> signed, Map<String, String> refused) {}

  public Round checkpointMovedChains() {
    Round round = snapshot.execute(status -> {
      Map<String, ChainHead> heads = checkpoints.recordedHeads();
      Map<String, SignedCheckpoint> latest = checkpoints.latest();
      TrustedKeys trusted = keys.trusted();
      List<SignedCheckpoint> signed = new ArrayList<>();
      Map<String, String> refused = new java.util.TreeMap<>();
      for (ChainHead head : heads.values()) {
        SignedCheckpoint last = latest.get(head.chainId());
        if (last != null && last.seq() == head.seq() && last.statement().headHash().equals(head.hash())) {
          continue; // the head did not move
        }
        String problem = checkpointable(head, last, trusted, vouched.get(head.chainId()));
        if (problem != null) {
          refused.put(head.chainId(), problem);
          continue;
        }
        if (last != null) {
          vouched.put(head.chainId(), last);
        }
        ChainVerifier.Run run = last == null
            ? ChainVerifier.start(head.chainId())
            : ChainVerifier.resume(new ChainHead(head.chainId(), last.seq(), last.statement().headHash()),
                last.statement().eventCount());
        chains.forEachLink(head.chainId(), run.head().seq(), head.seq(), run::accept);
        ChainReport report = run.finish(head);
        if (!report.valid()) {
          refused.put(head.chainId(), report.firstBrokenLink().reason().code() + ": " + report.firstBrokenLink().detail());
          continue;
        }
        SignedCheckpoint checkpoint = signer.sign(head, run.eventLinks());
        if (checkpoints.insert(checkpoint)) {
          signed.add(checkpoint);
          vouched.put(head.chainId(), checkpoint);
        }
      }
      return new Round(List.copyOf(signed), Map.copyOf(refused));
    });
    signedCounter.increment(round.signed().size());
    refusedCounter.increment(round.refused().size());
    round.refused().forEach((chainId, reason) ->
        log.error("Not signing a checkpoint of chain {}: it does not verify since its last checkpoint: {}", chainId, reason));
    if (!round.signed().isEmpty()) {
      log.debug("Signed {} checkpoints with key {}", round.signed().size(), signer.keyId());
    }
    return round;
  }

  private static String checkpointable(ChainHead head, SignedCheckpoint last, TrustedKeys trusted,
      SignedCheckpoint vouchedFor) {
    if (last == null) {
      return null;
    }
    String signatureProblem = identical(last, vouchedFor) && trusted.find(last.statement().keyId()).isPresent()
        ? null : trusted.problemWith(last);
    if (signatureProblem != null) {
      return "its latest stored checkpoint does not verify: " + signatureProblem;
    }
    if (last.seq() >= head.seq()) {
      return "its recorded head, link " + head.seq() + ", is not past its latest checkpoint, link " + last.seq()
          + " with another hash";
    }
    return null;
  }

  private static boolean identical(SignedCheckpoint stored, SignedCheckpoint known) {
    return known != null && stored.statement().equals(known.statement())
        && Arrays.equals(stored.signature(), known.signature());
  }
}
