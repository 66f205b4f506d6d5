package dev.tollgate.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loopback ports of one stack: the documented fixed ones, or free ones picked by the OS.
 *
 * @param rollout the first rollout-service instance
 * @param moreRollouts the second and further rollout-service instances (--rollout-instances)
 */
public record StackPorts(
    int kafka, int controller, int registry, int postgres, int approval, int rollout, int audit, int simulator,
    List<Integer> moreRollouts) {

  /** Fixed port of the second rollout-service instance; the third takes the next one, and so on. */
  public static final int SECOND_ROLLOUT_PORT = 18192;

  public StackPorts {
    moreRollouts = List.copyOf(moreRollouts);
  }

  /** One rollout-service instance. */
  public StackPorts(int kafka, int controller, int registry, int postgres, int approval, int rollout, int audit,
      int simulator) {
    this(kafka, controller, registry, postgres, approval, rollout, audit, simulator, List.of());
  }

  public static StackPorts fixed() {
    return fixed(1);
  }

  public static StackPorts fixed(int rolloutInstances) {
    List<Integer> more = new ArrayList<>();
    for (int i = 2; i <= rolloutInstances; i++) {
      more.add(SECOND_ROLLOUT_PORT + i - 2);
    }
    return new StackPorts(19092, 19093, 18081, 15432, 18181, 18182, 18183, 18184, more);
  }

  public static StackPorts free() {
    return free(1);
  }

  /** Free ports, all distinct. Bound and released at once, so a small race remains; accepted for local use. */
  public static StackPorts free(int rolloutInstances) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[7 + rolloutInstances];
      for (int i = 0; i < ports.length; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      List<Integer> more = new ArrayList<>();
      for (int i = 8; i < ports.length; i++) {
        more.add(ports[i]);
      }
      return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], more);
    } catch (IOException e) {
      throw new LocalStackException("cannot find free ports on 127.0.0.1: " + e.getMessage(), e);
    } finally {
      sockets.forEach(StackPorts::closeQuietly);
    }
  }

  /** Port of rollout-service instance {@code instance} (1 is the first). */
  public int rollout(int instance) {
    return instance == 1 ? rollout : moreRollouts.get(instance - 2);
  }

  /** How many rollout-service instances these ports are for. */
  public int rolloutInstances() {
    return 1 + moreRollouts.size();
  }

  /** The ports this stack will listen on, by what uses them. */
  public Map<String, Integer> byComponent(boolean kafka, boolean registry, boolean postgres, boolean services,
      boolean simulator) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (kafka) {
      ports.put("kafka", this.kafka);
      ports.put("kafka controller", controller);
    }
    if (registry) {
      ports.put("schema registry", this.registry);
    }
    if (postgres) {
      ports.put("postgres", this.postgres);
    }
    if (services) {
      ports.put("approval-service", approval);
      ports.put("rollout-service", rollout);
      for (int i = 2; i <= rolloutInstances(); i++) {
        ports.put("rollout-service-" + i, rollout(i));
      }
      ports.put("audit-service", audit);
    }
    if (simulator) {
      ports.put("serving simulator", this.simulator);
    }
    return ports;
  }

  /** Fails with one message naming every taken port, before anything starts half-way. */
  public static void requireFree(Map<String, Integer> ports) {
    List<String> taken = new ArrayList<>();
    ports.forEach((component, port) -> {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (IOException e) {
        taken.add(port + " (" + component + ")");
      }
    });
    if (!taken.isEmpty()) {
      throw new LocalStackException("port(s) already in use on 127.0.0.1: " + String.join(", ", taken)
          + ". Is another stack running? Stop it, or start this one with --ports auto.");
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // released either way when the JVM exits
    }
  }
}
