package dev.tollgate.audit.export;

import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.audit.checkpoint.CheckpointStore;
import dev.tollgate.audit.checkpoint.SigningKeys;
import dev.tollgate.audit.verifier.ExportFilter;
import dev.tollgate.audit.verifier.ExportWriter;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an export (format {@link dev.tollgate.audit.verifier.ExportFormat}) from one REPEATABLE
 * READ snapshot, so links, chain summaries and checkpoints agree while the ingest appends, and
 * signs its manifest with the trail's active key.
 */
@Service
public class TrailExport {

  private final ExportStore store;
  private final CheckpointStore checkpoints;
  private final SigningKeys keys;
  private final TransactionTemplate snapshot;
  private final Clock clock;

  public TrailExport(ExportStore store, CheckpointStore checkpoints, SigningKeys keys,
      PlatformTransactionManager transactions, Clock clock) {
    this.store = store;
    this.checkpoints = checkpoints;
    this.keys = keys;
    this.clock = clock;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setReadOnly(true);
  }

  public boolean modelRecorded(String model) {
    return store.modelRecorded(model);
  }

  /** Writes the whole export to {@code out}; the caller closes it. */
  public void write(ExportFilter filter, OutputStream out) {
    snapshot.executeWithoutResult(status -> {
      ExportWriter writer = new ExportWriter(out);
      if (filter.model() != null) {
        store.forEachEventOfModel(filter.model(), filter.from(), filter.to(), writer::link);
      } else {
        for (ExportStore.Range range : store.rangesWithin(filter.from(), filter.to())) {
          store.forEachLink(range, writer::link);
        }
      }
      List<SignedCheckpoint> covering = new ArrayList<>();
      for (ExportWriter.ChainSection section : writer.chains()) {
        covering.addAll(checkpoints.ofChain(section.chainId(), section.firstSeq(), section.lastSeq()));
      }
      writer.finish(filter, clock.instant(), covering, keys.active());
    });
  }
}
