package dev.tollgate.approval.outbox;

import java.util.List;

/** Publishes a batch of outbox messages atomically, or throws and publishes none. */
public interface OutboxPublisher {

  void publish(List<OutboxMessage> batch);
}
