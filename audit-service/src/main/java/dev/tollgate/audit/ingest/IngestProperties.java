package dev.tollgate.audit.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit ingest ({@code tollgate.audit.ingest.*}).
 *
 * @param enabled whether the consumer starts with the application
 * @param groupId consumer group; one trail per database, so one group per database
 * @param pollTimeout longest a poll blocks
 * @param retryBackoff first pause after a failed batch; doubles up to {@code maxRetryBackoff}
 * @param maxRetryBackoff longest pause between retries of a failed batch
 * @param deadLetterTimeout how long to wait for the broker to acknowledge dead letters
 * @param writers how many database transactions write one polled batch side by side, each for its
 *     own partitions (at least 1)
 */
@ConfigurationProperties("tollgate.audit.ingest")
public record IngestProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("audit-service") String groupId,
    @DefaultValue("500ms") Duration pollTimeout,
    @DefaultValue("500ms") Duration retryBackoff,
    @DefaultValue("30s") Duration maxRetryBackoff,
    @DefaultValue("30s") Duration deadLetterTimeout,
    @DefaultValue("2") int writers) {

  public IngestProperties {
    if (writers < 1) {
      throw new IllegalArgumentException("tollgate.audit.ingest.writers must be at least 1, not " + writers);
    }
  }
}
