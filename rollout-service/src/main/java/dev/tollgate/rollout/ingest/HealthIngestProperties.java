package dev.tollgate.rollout.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.rollout.health-ingest.*}: how health samples reach the controller.
 *
 * @param flushInterval how long read samples may wait before their batches and offsets are committed;
 *     adds at most this much to the time from a sample to its verdict
 * @param maxPendingSamples commit early once this many samples wait
 * @param maxBatchSamples samples per batch record at most (a record must stay under the broker's limit)
 * @param threads consumers in this instance, each with its own transactional producer; two by
 *     default, so that one decodes while the other waits for its transaction to commit
 * @param restartBackoff pause before a failed consumer and producer are replaced
 * @param transactionTimeout how long the broker waits for a transaction of a crashed instance before
 *     aborting it (a restarted instance aborts it at once); read_committed readers wait behind it
 * @param closeTimeout how long stopping may take
 */
@ConfigurationProperties("tollgate.rollout.health-ingest")
public record HealthIngestProperties(
    @DefaultValue("100ms") Duration flushInterval,
    @DefaultValue("50000") int maxPendingSamples,
    @DefaultValue("2000") int maxBatchSamples,
    @DefaultValue("2") int threads,
    @DefaultValue("1s") Duration restartBackoff,
    @DefaultValue("10s") Duration transactionTimeout,
    @DefaultValue("30s") Duration closeTimeout) {

  public HealthIngestProperties {
    if (maxPendingSamples < 1 || maxBatchSamples < 1 || threads < 1) {
      throw new IllegalArgumentException("tollgate.rollout.health-ingest: max-pending-samples, max-batch-samples "
          + "and threads must be at least 1");
    }
  }
}
