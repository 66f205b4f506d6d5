package dev.tollgate.rollout.deadletter;

import dev.tollgate.schemas.deadletter.DeadLetter;
import dev.tollgate.schemas.topic.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the topology cannot read (garbage bytes, unknown schema id) unchanged to
 * {@link Topics#ROLLOUT_SERVICE_DEAD_LETTERS}, reason and source in headers, and lets Streams go on.
 * If the dead letter cannot be written, Streams stops rather than drop the record silently.
 *
 * <p>Kafka Streams creates the handler from its class name; the sender comes in through the
 * streams config under {@link #SENDER_CONFIG} (an object value, so one producer serves all threads).
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {

  /** Streams config key whose value is the {@link DeadLetterSender} instance to use. */
  public static final String SENDER_CONFIG = "tollgate.dead-letter.sender";

  /** The consumer named in the dead-letter headers. */
  public static final String CONSUMER = "rollout-service";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

  private final Clock clock = Clock.systemUTC();
  private DeadLetterSender sender;

  @Override
  public void configure(Map<String, ?> configs) {
    Object value = configs.get(SENDER_CONFIG);
    if (!(value instanceof DeadLetterSender configured)) {
      throw new ConfigException(SENDER_CONFIG, value, "must be a " + DeadLetterSender.class.getName() + " instance");
    }
    this.sender = configured;
  }

  @Override
  public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    log.warn("Unreadable record on {} partition {} offset {} ({}: {}); sending it to {}", record.topic(),
        record.partition(), record.offset(), DeadLetter.reasonOf(exception), exception.getMessage(),
        Topics.ROLLOUT_SERVICE_DEAD_LETTERS.name());
    try {
      sender.send(DeadLetter.record(Topics.ROLLOUT_SERVICE_DEAD_LETTERS, CONSUMER, record.topic(), record.partition(),
          record.offset(), record.key(), record.value(), exception, clock.instant()));
      return DeserializationHandlerResponse.CONTINUE;
    } catch (Exception sendFailure) {
      if (sendFailure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.error("Could not write the dead letter for {} partition {} offset {}; stopping rather than losing it",
          record.topic(), record.partition(), record.offset(), sendFailure);
      return DeserializationHandlerResponse.FAIL;
    }
  }
}
