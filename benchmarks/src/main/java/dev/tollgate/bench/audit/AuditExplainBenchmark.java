package dev.tollgate.bench.audit;

import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.RunningStack;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints, for each auditor query, the SQL audit-service runs and PostgreSQL's
 * {@code EXPLAIN (ANALYZE, BUFFERS)} of it on the stack's trail with keys sampled from it (each run twice,
 * the second, warm, plan printed), after an {@code ANALYZE audit_event} so the planner knows the table.
 * The material of {@code docs/audit-indexes.md}.
 */
public final class AuditExplainBenchmark {

  private final RunningStack stack;
  private final long minEvents;

  public AuditExplainBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.minEvents = Long.parseLong(options.get("min-events", "1000000"));
  }

  public void run() throws Exception {
    try (AuditDatabase db = new AuditDatabase(stack)) {
      long events = db.events();
      if (events < minEvents) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "the trail holds %,d events, fewer than --min-events %,d; run audit-ingest first", events, minEvents));
      }
      try (var statement = db.connection().createStatement()) {
        statement.execute("ANALYZE audit_event");
      }
      System.out.printf(Locale.ROOT, "audit-explain: trail of %,d events; %s%n", events,
          db.strings("SELECT version()").get(0));
      System.out.println("indexes on audit_event:");
      db.strings("SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_event' ORDER BY indexname")
          .forEach(def -> System.out.println("  " + def));
      AuditQueries queries = new AuditQueries(AuditQueries.Samples.of(db), 7);
      List<AuditQueries.Query> all = new ArrayList<>(List.of(queries.deploymentTimeline(), queries.versionTimeline(),
          queries.modelAcrossVersions(), queries.modelInEnvironment(), queries.environment(), queries.eventType(),
          queries.actor(), queries.timeRange(), queries.actorInWeek()));
      all.add(cursorPage(db, queries.modelAcrossVersions()));
      all.add(cursorPage(db, queries.actor()));
      for (AuditQueries.Query query : all) {
        System.out.println();
        System.out.println("### " + query.name());
        System.out.println("REST: GET " + query.rest());
        System.out.println("SQL:");
        System.out.println(query.sql().strip());
        System.out.println("arguments: " + query.args());
        explain(db, query);
        System.out.println("plan:");
        explain(db, query).forEach(line -> System.out.println("  " + line));
      }
    }
  }

  /** The page after row 300 (rows 301..400): its cursor is the sort key of the 300th row. */
  private static AuditQueries.Query cursorPage(AuditDatabase db, AuditQueries.Query first) throws SQLException {
    String sql = first.sql().replace("LIMIT ?", "OFFSET 299 LIMIT 1");
    try (PreparedStatement statement = db.connection().prepareStatement(sql)) {
      bind(statement, first.args().subList(0, first.args().size() - 1)); // no LIMIT argument
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException(first.name() + " has fewer than 300 rows");
        }
        Instant at = rows.getTimestamp("occurred_at").toInstant();
        return AuditQueries.nextPage(first, "<cursor of row 300>", at, rows.getInt("topic_rank"),
            rows.getInt("partition"), rows.getLong("kafka_offset"));
      }
    }
  }

  private static List<String> explain(AuditDatabase db, AuditQueries.Query query) throws SQLException {
    try (PreparedStatement statement = db.connection().prepareStatement(
        "EXPLAIN (ANALYZE, BUFFERS) " + query.sql())) {
      bind(statement, query.args());
      List<String> lines = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          lines.add(rows.getString(1));
        }
      }
      return lines;
    }
  }

  private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object arg = args.get(i);
      if (arg instanceof Timestamp t) {
        statement.setTimestamp(i + 1, t);
      } else {
        statement.setObject(i + 1, arg);
      }
    }
  }
}
