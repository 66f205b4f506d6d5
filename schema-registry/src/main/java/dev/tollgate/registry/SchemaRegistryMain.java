package dev.tollgate.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry on its own:
 * {@code java -cp ... dev.tollgate.registry.SchemaRegistryMain --bootstrap-servers=127.0.0.1:19092 --port=18081 --topic=_schemas}.
 * Stops on SIGINT/SIGTERM.
 */
public final class SchemaRegistryMain {

  private static final Set<String> OPTIONS = Set.of("bootstrap-servers", "port", "topic", "host", "startup-timeout-seconds");

  private SchemaRegistryMain() {}

  public static void main(String[] args) throws InterruptedException {
    RegistryConfig config;
    try {
      config = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: SchemaRegistryMain [--bootstrap-servers=127.0.0.1:19092] [--port=18081] "
          + "[--topic=_schemas] [--host=127.0.0.1] [--startup-timeout-seconds=60]");
      System.exit(2);
      return;
    }
    SchemaRegistryServer server = SchemaRegistryServer.start(config);
    System.out.println("Schema registry listening on " + server.url());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "schema-registry-shutdown"));
    stopped.await();
  }

  /** Reads {@code --name=value} or {@code --name value} options. */
  static RegistryConfig parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument: " + arg);
      }
      String name;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(2, equals);
        value = arg.substring(equals + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Option --" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("Unknown option --" + name);
      }
      options.put(name, value);
    }
    return new RegistryConfig(
        options.getOrDefault("bootstrap-servers", "127.0.0.1:19092"),
        options.getOrDefault("host", RegistryConfig.DEFAULT_HOST),
        integer(options.getOrDefault("port", "18081"), "port"),
        options.getOrDefault("topic", RegistryConfig.DEFAULT_TOPIC),
        Duration.ofSeconds(integer(options.getOrDefault("startup-timeout-seconds", "60"), "startup-timeout-seconds")));
  }

  private static int integer(String text, String option) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Option --" + option + " must be a number, was " + text);
    }
  }
}
