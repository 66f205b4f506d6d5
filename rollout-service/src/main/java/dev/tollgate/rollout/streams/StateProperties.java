package dev.tollgate.rollout.streams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.rollout.state.*}: the materialized state and how instances answer its queries.
 *
 * @param liveHistoryRetention how far back "what was live at T" is kept and answered
 * @param advertisedHost the host other instances reach this one's HTTP server on; with the server's
 *     port it is this instance's Kafka Streams {@code application.server}
 * @param forwardTimeout how long a query forwarded to the instance that owns a model may take
 */
@ConfigurationProperties("tollgate.rollout.state")
public record StateProperties(
    @DefaultValue("90d") Duration liveHistoryRetention,
    @DefaultValue("127.0.0.1") String advertisedHost,
    @DefaultValue("2s") Duration forwardTimeout) {}
