package dev.tollgate.rollout.deadletter;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Delivers a dead-letter record; returns only once it is durably written, or throws. */
@FunctionalInterface
public interface DeadLetterSender {

  void send(ProducerRecord<byte[], byte[]> record) throws Exception;
}
