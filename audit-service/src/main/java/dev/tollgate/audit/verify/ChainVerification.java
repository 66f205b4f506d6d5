package dev.tollgate.audit.verify;

import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.chain.ChainVerifier;
import dev.tollgate.audit.chain.TrustedKeys;
import dev.tollgate.audit.checkpoint.CheckpointStore;
import dev.tollgate.audit.checkpoint.SigningKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies every stored chain against the head recorded at ingest and against its signed
 * checkpoints (signature with a trusted key, head hash and event count at the checkpoint's link,
 * no checkpoint past the end). One REPEATABLE READ snapshot, so heads, links and checkpoints agree
 * while the ingest keeps appending.
 */
@Service
public class ChainVerification {

  private final ChainStore store;
  private final CheckpointStore checkpoints;
  private final SigningKeys keys;

  public ChainVerification(ChainStore store, CheckpointStore checkpoints, SigningKeys keys) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.keys = keys;
  }

  /** Whether the chain has links, a recorded head or a checkpoint. */
  public boolean chainRecorded(String chainId) {
    return store.chainRecorded(chainId);
  }

  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public List<ChainReport> verify(String onlyChainId) {
    Map<String, ChainHead> heads = store.recordedHeads();
    TrustedKeys trusted = keys.trusted();
    Set<String> chainIds = onlyChainId == null ? store.chainIds() : Set.of(onlyChainId);
    List<ChainReport> reports = new ArrayList<>(chainIds.size());
    for (String chainId : chainIds) {
      ChainVerifier.Run run = ChainVerifier.start(chainId, checkpoints.ofChain(chainId), trusted);
      store.forEachLink(chainId, run::accept);
      reports.add(run.finish(heads.get(chainId)));
    }
    return reports;
  }
}
