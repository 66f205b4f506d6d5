package dev.tollgate.localstack;

import dev.tollgate.localstack.postgres.PostgresEndpoint;
import dev.tollgate.localstack.services.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/** The table printed once the stack is ready: what runs where, as which process, using how much memory. */
public final class ReadyReport {

  private ReadyReport() {}

  /** One line of the table; {@code pid} below 1 means the component is not ours (external). */
  record Row(String component, String url, long pid, String note) {}

  public static String render(RunningStack stack) {
    long launcher = stack.launcherPid();
    List<Row> rows = new ArrayList<>();
    rows.add(stack.kafkaEmbedded()
        ? new Row("kafka (KRaft)", stack.kafkaBootstrap(), launcher, "in the launcher JVM")
        : new Row("kafka", stack.kafkaBootstrap(), -1, "external"));
    rows.add(stack.registryEmbedded()
        ? new Row("schema registry", stack.registryUrl(), launcher, "in the launcher JVM (RSS counted above)")
        : new Row("schema registry", stack.registryUrl(), -1, "external"));
    PostgresEndpoint pg = stack.postgres();
    rows.add(new Row("postgresql", pg.serverUrl() + "/{" + String.join(",", pg.jdbcUrls().keySet()) + "}",
        pg.embedded() ? pg.pid() : -1, pg.embedded() ? "postmaster, user/password postgres" : "external"));
    stack.simulatorUrl().ifPresent(url -> rows.add(new Row("serving simulator", url, launcher,
        "in the launcher JVM: acks traffic commands, emits health samples")));
    for (ServiceProcess service : stack.services()) {
      rows.add(new Row(service.name(), service.url(), service.pid(), ""));
    }
    return render(rows, stack);
  }

  private static String render(List<Row> rows, RunningStack stack) {
    int componentWidth = Math.max("component".length(), rows.stream().mapToInt(r -> r.component().length()).max().orElse(0));
    int urlWidth = Math.max("url".length(), rows.stream().mapToInt(r -> r.url().length()).max().orElse(0));
    String format = "  %-" + componentWidth + "s  %-" + urlWidth + "s  %8s  %7s  %s%n";
    StringBuilder out = new StringBuilder();
    out.append(System.lineSeparator()).append("Tollgate local stack").append(System.lineSeparator());
    out.append(String.format(Locale.ROOT, format, "component", "url", "pid", "rss MB", ""));
    Set<Long> measured = new HashSet<>();
    for (Row row : rows) {
      String pid = row.pid() > 0 ? String.valueOf(row.pid()) : "-";
      // one process, one RSS: the broker and the registry share the launcher JVM
      OptionalLong rss = row.pid() > 0 && measured.add(row.pid())
          ? ProcessMemory.rssMegabytes(row.pid()) : OptionalLong.empty();
      out.append(String.format(Locale.ROOT, format, row.component(), row.url(), pid,
          rss.isPresent() ? String.valueOf(rss.getAsLong()) : "-", row.note()));
    }
    out.append(System.lineSeparator()).append("  logs:").append(System.lineSeparator());
    out.append("    ").append(relative(stack.infraLog())).append("  (broker, registry, PostgreSQL)")
        .append(System.lineSeparator());
    for (ServiceProcess service : stack.services()) {
      out.append("    ").append(relative(service.logFile())).append(System.lineSeparator());
    }
    out.append("  data dir:   ").append(stack.dataDir()).append(System.lineSeparator());
    out.append("  stack.json: ").append(relative(stack.descriptorFile())).append(System.lineSeparator());
    out.append(System.lineSeparator());
    out.append(String.format(Locale.ROOT, "all ready in %.1f s%n", stack.readySeconds()));
    stack.service("approval-service").ifPresent(approval -> out.append("try it:  curl -s ")
        .append(approval.url()).append("/actuator/health").append(System.lineSeparator()));
    if (stack.services().isEmpty()) {
      out.append("try it:  curl -s ").append(stack.registryUrl()).append("/subjects").append(System.lineSeparator());
    }
    stack.simulatorUrl().ifPresent(url -> out.append("simulate a bad version:  curl -s -X PUT ").append(url)
        .append("/profiles/<model>/<version> -d '{\"errorRate\":0.2,\"p99LatencyMs\":900}'")
        .append(System.lineSeparator()));
    out.append("Press Ctrl-C to stop.").append(System.lineSeparator());
    return out.toString();
  }

  /** Paths under the working directory print short; others absolute. */
  private static String relative(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
  }
}
