package dev.tollgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of another process's threads, grouped by what they do, read from Linux's
 * {@code /proc/<pid>/task/<tid>/stat}: where a benchmark's time went, not only how long it took.
 * On a system without /proc (or a process gone) a snapshot is empty and nothing is printed.
 */
public final class ThreadCpu {

  /** Linux's USER_HZ: utime and stime count ticks of 10 ms on every mainstream platform. */
  private static final double SECONDS_PER_TICK = 0.01;

  /** Thread names (as the kernel keeps them: at most 15 characters) to a group, first match wins. */
  private static final List<Map.Entry<String, String>> GROUPS = List.of(
      Map.entry("health-ingest", "health ingest"),
      Map.entry("StreamThread", "Kafka Streams"),
      Map.entry("tollgate-rollou", "Kafka Streams"),
      Map.entry("data-plane-kafk", "broker requests"),
      Map.entry("C1 CompilerThre", "JIT compilers"),
      Map.entry("C2 CompilerThre", "JIT compilers"),
      Map.entry("VM Thread", "GC and VM"),
      Map.entry("GC Thread", "GC and VM"),
      Map.entry("G1 ", "GC and VM"),
      Map.entry("kafka-producer-", "Kafka client I/O"),
      Map.entry("kafka-coordinat", "Kafka client I/O"),
      Map.entry("http-nio", "REST"));

  private ThreadCpu() {}

  /** Ticks per group of one process's threads now; empty if it cannot be read. */
  public static Map<String, Long> snapshot(long pid) {
    Map<String, Long> ticks = new TreeMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (pid <= 0 || !Files.isDirectory(tasks)) {
      return ticks;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(thread -> {
        try {
          String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
          ticks.merge(group(nameIn(stat)), ticksIn(stat), Long::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended between listing and reading: its time is lost to both snapshots alike
        }
      });
    } catch (IOException e) {
      ticks.clear();
    }
    return ticks;
  }

  /** What each group spent between two snapshots, in milliseconds per {@code per} units of work. */
  public static String perUnit(Map<String, Long> before, Map<String, Long> after, double units, double per) {
    Map<String, Double> spent = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Long> group : after.entrySet()) {
      double seconds = (group.getValue() - before.getOrDefault(group.getKey(), 0L)) * SECONDS_PER_TICK;
      if (seconds > 0) {
        spent.put(group.getKey(), seconds);
        total += seconds;
      }
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%.0f ms", 1000 * total * per / units));
    if (!spent.isEmpty()) {
      out.append(" (");
      spent.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> out.append(String.format(Locale.ROOT, "%s %.0f, ", e.getKey(), 1000 * e.getValue() * per / units)));
      out.setLength(out.length() - 2);
      out.append(')');
    }
    return out.toString();
  }

  static String group(String threadName) {
    for (Map.Entry<String, String> group : GROUPS) {
      if (threadName.contains(group.getKey())) {
        return group.getValue();
      }
    }
    return "other";
  }

  /** The name between the first '(' and the last ')': a name may itself hold spaces and parentheses. */
  static String nameIn(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** utime + stime, the 14th and 15th fields, counted from after the name. */
  static long ticksIn(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is the state, the 3rd field of the line: utime is the line's 14th
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
