package dev.tollgate.approval.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.outbox.*}.
 *
 * @param transactionalIdPrefix Kafka transactional.id prefix; stable per instance so a restart
 *     fences its predecessor's open transaction
 * @param pollInterval how often the relay looks for pending events besides the after-commit wake-up
 * @param batchSize events per Kafka transaction
 * @param retention how long sent events stay in the table
 */
@ConfigurationProperties("tollgate.outbox")
public record OutboxProperties(
    @DefaultValue("approval-service-outbox-") String transactionalIdPrefix,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("7d") Duration retention,
    @DefaultValue("30s") Duration sendTimeout) {}
