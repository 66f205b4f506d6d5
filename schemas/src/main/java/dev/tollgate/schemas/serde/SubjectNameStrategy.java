package dev.tollgate.schemas.serde;

import org.apache.avro.Schema;

/** Confluent's three subject naming strategies, accepted under their Confluent class names too. */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: Confluent's default. */
  TOPIC_NAME {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + (isKey ? "-key" : "-value");
    }
  },
  /** The record's full name, whatever the topic. */
  RECORD_NAME {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return schema.getFullName();
    }
  },
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD_NAME {
    @Override
    public String subject(String topic, boolean isKey, Schema schema) {
      return topic + "-" + schema.getFullName();
    }
  };

  public abstract String subject(String topic, boolean isKey, Schema schema);

  static SubjectNameStrategy fromConfig(String value) {
    if (value == null || value.isBlank()) {
      return TOPIC_NAME;
    }
    String simple = value.substring(value.lastIndexOf('.') + 1);
    return switch (simple) {
      case "TopicNameStrategy", "TOPIC_NAME" -> TOPIC_NAME;
      case "RecordNameStrategy", "RECORD_NAME" -> RECORD_NAME;
      case "TopicRecordNameStrategy", "TOPIC_RECORD_NAME" -> TOPIC_RECORD_NAME;
      default -> throw new IllegalArgumentException("Unknown subject name strategy \"" + value
          + "\"; use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    };
  }
}
