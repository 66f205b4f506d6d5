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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies every stored chain against the head recorded at ingest and against its signed
 * checkpoints (signature with a trusted key, head hash and event count at the checkpoint's link,
 * no checkpoint past the end). One REPEATABLE READ snapshot, so heads, links and checkpoints agree
 * while the ingest keeps appending.
 *
 * <p>Chains are independent, so with {@code tollgate.audit.verify.parallelism} above 1 they are
 * verified on that many threads, each in a transaction of its own that imports the calling
 * transaction's snapshot ({@code pg_export_snapshot()} / {@code SET TRANSACTION SNAPSHOT}): the
 * database reads one chain while the hashes and signatures of another are checked, and every
 * thread still sees exactly what the calling transaction sees.
 */
@Service
public class ChainVerification {

  private final ChainStore store;
  private final CheckpointStore checkpoints;
  private final SigningKeys keys;
  private final TransactionTemplate snapshotReader;
  private final int parallelism;

  /** Verifies chain after chain on the calling thread. */
  public ChainVerification(ChainStore store, CheckpointStore checkpoints, SigningKeys keys) {
    this(store, checkpoints, keys, null, 1);
  }

  @Autowired
  public ChainVerification(ChainStore store, CheckpointStore checkpoints, SigningKeys keys,
      PlatformTransactionManager transactions, @Value("${tollgate.audit.verify.parallelism:4}") int parallelism) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.keys = keys;
    this.parallelism = transactions == null ? 1 : Math.max(1, parallelism);
    if (transactions == null) {
      this.snapshotReader = null;
    } else {
      this.snapshotReader = new TransactionTemplate(transactions);
      snapshotReader.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
      snapshotReader.setReadOnly(true);
    }
  }

  /** Whether the chain has links, a recorded head or a checkpoint. */
  public boolean chainRecorded(String chainId) {
    return store.chainRecorded(chainId);
  }

  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public List<ChainReport> verify(String onlyChainId) {
    Map<String, ChainHead> heads = store.recordedHeads();
    TrustedKeys trusted = keys.trusted();
    List<String> chainIds = new ArrayList<>(onlyChainId == null ? store.chainIds() : Set.of(onlyChainId));
    if (parallelism == 1 || chainIds.size() < 2) {
      List<ChainReport> reports = new ArrayList<>(chainIds.size());
      for (String chainId : chainIds) {
        reports.add(verifyChain(chainId, heads, trusted));
      }
      return reports;
    }
    String snapshot = store.exportSnapshot();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, chainIds.size()), task -> {
      Thread thread = new Thread(task, "audit-verify-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<ChainReport>> futures = new ArrayList<>(chainIds.size());
      for (String chainId : chainIds) {
        futures.add(pool.submit(() -> snapshotReader.execute(status -> {
          store.importSnapshot(snapshot);
          return verifyChain(chainId, heads, trusted);
        })));
      }
      List<ChainReport> reports = new ArrayList<>(chainIds.size());
      for (Future<ChainReport> future : futures) {
        reports.add(future.get());
      }
      return reports;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying the chains", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private ChainReport verifyChain(String chainId, Map<String, ChainHead> heads, TrustedKeys trusted) {
    ChainVerifier.Run run = ChainVerifier.start(chainId, checkpoints.ofChain(chainId), trusted);
    store.forEachLink(chainId, run::accept);
    return run.finish(heads.get(chainId));
  }
}
