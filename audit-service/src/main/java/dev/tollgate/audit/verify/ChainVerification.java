package dev.tollgate.audit.verify;

import dev.tollgate.audit.chain.ChainHead;
import dev.tollgate.audit.chain.ChainReport;
import dev.tollgate.audit.chain.ChainVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verifies every stored chain against the head recorded at ingest. One REPEATABLE READ snapshot,
 * so heads and links agree while the ingest keeps appending.
 */
@Service
public class ChainVerification {

  private final ChainStore store;

  public ChainVerification(ChainStore store) {
    this.store = store;
  }

  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public List<ChainReport> verify(String onlyChainId) {
    Map<String, ChainHead> heads = store.recordedHeads();
    Set<String> chainIds = onlyChainId == null ? store.chainIds() : Set.of(onlyChainId);
    List<ChainReport> reports = new ArrayList<>(chainIds.size());
    for (String chainId : chainIds) {
      ChainVerifier.Run run = ChainVerifier.start(chainId);
      store.forEachLink(chainId, run::accept);
      reports.add(run.finish(heads.get(chainId)));
    }
    return reports;
  }
}
