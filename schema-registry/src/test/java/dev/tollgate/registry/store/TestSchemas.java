package dev.tollgate.registry.store;

/** Avro record schemas for tests, written as JSON text the way clients send them. */
public final class TestSchemas {

  public static final String ID = "{\"name\":\"id\",\"type\":\"string\"}";
  public static final String AMOUNT = "{\"name\":\"amount\",\"type\":\"double\"}";
  public static final String AMOUNT_WITH_DEFAULT = "{\"name\":\"amount\",\"type\":\"double\",\"default\":0.0}";
  public static final String CURRENCY_WITH_DEFAULT = "{\"name\":\"currency\",\"type\":\"string\",\"default\":\"EUR\"}";
  public static final String NOTE = "{\"name\":\"note\",\"type\":\"string\"}";
  public static final String ID_AS_INT = "{\"name\":\"id\",\"type\":\"int\"}";

  private TestSchemas() {}

  /** A record named {@code name} with the given field declarations. */
  public static String record(String name, String... fields) {
    return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"test.registry\",\"fields\":["
        + String.join(",", fields) + "]}";
  }

  public static String payment(String... fields) {
    return record("Payment", fields);
  }

  public static CanonicalSchema parsed(String text) {
    return CanonicalSchema.parse(text);
  }
}
