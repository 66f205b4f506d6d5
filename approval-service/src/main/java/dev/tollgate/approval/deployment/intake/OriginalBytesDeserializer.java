package dev.tollgate.approval.deployment.intake;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Keeps a record's original value bytes in a header next to the deserialized value, so a
 * readable but invalid record can be dead-lettered byte for byte as it arrived.
 */
public class OriginalBytesDeserializer<T> implements Deserializer<T> {

  public static final String ORIGINAL_VALUE = "tollgate.original-value";

  private final Deserializer<T> delegate;

  public OriginalBytesDeserializer(Deserializer<T> delegate) {
    this.delegate = delegate;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return delegate.deserialize(topic, data);
  }

  @Override
  public T deserialize(String topic, Headers headers, byte[] data) {
    T value = delegate.deserialize(topic, headers, data);
    if (data != null) {
      headers.remove(ORIGINAL_VALUE);
      headers.add(ORIGINAL_VALUE, data);
    }
    return value;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
