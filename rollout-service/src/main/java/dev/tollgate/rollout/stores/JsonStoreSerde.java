package dev.tollgate.rollout.stores;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.tollgate.strategy.Step;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serde for store values: the domain records as JSON. Stores are internal to this service, so they
 * need no registry; JSON with unknown properties ignored lets later versions add fields. Domain
 * types carry no Jackson annotations: the step one-of is mapped with a mix-in here.
 */
public final class JsonStoreSerde<T> implements Serde<T> {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .addMixIn(Step.class, StepTypes.class)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Class<T> type;

  public JsonStoreSerde(Class<T> type) {
    this.type = type;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return MAPPER.writeValueAsBytes(value);
      } catch (JacksonException e) {
        throw new SerializationException("cannot write " + type.getSimpleName() + " to store " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return MAPPER.readValue(bytes, type);
      } catch (JacksonException e) {
        throw new SerializationException("cannot read " + type.getSimpleName() + " from store " + topic, e);
      }
    };
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@step")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Step.SetWeight.class, name = "setWeight"),
      @JsonSubTypes.Type(value = Step.Pause.class, name = "pause"),
      @JsonSubTypes.Type(value = Step.Gate.class, name = "gate"),
      @JsonSubTypes.Type(value = Step.Analysis.class, name = "analysis"),
      @JsonSubTypes.Type(value = Step.Preview.class, name = "preview"),
      @JsonSubTypes.Type(value = Step.Switch.class, name = "switch"),
      @JsonSubTypes.Type(value = Step.ScaleDown.class, name = "scaleDown"),
      @JsonSubTypes.Type(value = Step.Experiment.class, name = "experiment")
  })
  private interface StepTypes {}
}
