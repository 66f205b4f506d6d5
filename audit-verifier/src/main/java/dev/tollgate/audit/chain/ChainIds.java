package dev.tollgate.audit.chain;

/** Chain ids: one chain per source topic-partition, named {@code <topic>-<partition>} like Kafka's TopicPartition. */
public final class ChainIds {

  private ChainIds() {}

  public static String of(String topic, int partition) {
    return topic + "-" + partition;
  }
}
