package dev.tollgate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.schemas.registry.FixedIdRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The serializer agrees with the Avro spec, written out here by hand, for any value. */
class AvroBinaryPropertiesTest {

  static final Schema PAIR = new Schema.Parser().parse("""
      {"type":"record","name":"Pair","namespace":"dev.tollgate.vectors",
       "fields":[{"name":"n","type":"long"},{"name":"s","type":"string"}]}""");

  @Property(tries = 300)
  void framesAnyLongAndStringPerTheSpec(@ForAll int schemaId, @ForAll long n, @ForAll String s) {
    FixedIdRegistry registry = new FixedIdRegistry().with(schemaId, PAIR);
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused"), false);
    AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(null, registry);
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://unused",
        AvroSerdeConfig.SPECIFIC_AVRO_READER, false), false);
    GenericRecord record = new GenericData.Record(PAIR);
    record.put("n", n);
    record.put("s", s);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(0);
    expected.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    zigZagVarint(n, expected);
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    zigZagVarint(utf8.length, expected);
    expected.writeBytes(utf8);

    byte[] actual = serializer.serialize("t", record);

    assertThat(actual).containsExactly(expected.toByteArray());
    GenericRecord back = deserializer.deserialize("t", actual);
    assertThat(back.get("n")).isEqualTo(n);
    assertThat(back.get("s").toString()).isEqualTo(s);
  }

  /** Avro's long encoding: zig-zag, then 7 bits per byte, low bits first, high bit = more follows. */
  static void zigZagVarint(long value, ByteArrayOutputStream out) {
    long zigZag = (value << 1) ^ (value >> 63);
    while ((zigZag & ~0x7FL) != 0) {
      out.write((int) ((zigZag & 0x7F) | 0x80));
      zigZag >>>= 7;
    }
    out.write((int) zigZag);
  }
}
