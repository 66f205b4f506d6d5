package dev.tollgate.archfixture.domain;

import dev.tollgate.events.Envelope;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Breaks the domain rules on purpose: the architecture test must catch it. Never copy this. */
public class LeakyPolicy {

  public ProducerRecord<String, Envelope> decide(Envelope envelope) {
    if (Instant.now().isAfter(envelope.getOccurredAt())) {
      return new ProducerRecord<>("somewhere", envelope);
    }
    return null;
  }
}
