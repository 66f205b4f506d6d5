package dev.tollgate.bench.audit;

import dev.tollgate.audit.trail.TrailSql;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The auditor's queries, each as the REST call an auditor makes and as the SQL audit-service runs for
 * it ({@link TrailSql}, the text the repositories run, with the row limit the controllers ask for: one
 * more than the page), over keys sampled from the trail in the database.
 */
final class AuditQueries {

  private static final String TOPIC_ORDER = TrailSql.TOPIC_ORDER;
  private static final String TIMELINE = TrailSql.TIMELINE;
  private static final String SEARCH = TrailSql.SEARCH;
  private static final String CURSOR_CONDITION = TrailSql.CURSOR_CONDITION;

  /**
   * One query: a name, the REST path and query string, the SQL with its arguments, and for a search its
   * conditions and their values (empty for timelines), from which a cursor page of it is built.
   */
  record Query(String name, String rest, String sql, List<Object> args, List<String> conditions,
      List<Object> values) {}

  /** Keys sampled from the trail. */
  record Samples(List<String> deployments, List<String[]> versions, List<String> models, List<String> actors,
      List<String> types, Instant first, Instant last) {

    static Samples of(AuditDatabase db) throws SQLException {
      List<String> deployments = db.strings("SELECT deployment_id FROM audit_event TABLESAMPLE SYSTEM (1)"
          + " WHERE deployment_id IS NOT NULL LIMIT 300");
      List<String[]> versions = new ArrayList<>();
      for (String row : db.rows("SELECT model_name, model_version FROM audit_event TABLESAMPLE SYSTEM (1) LIMIT 300")) {
        versions.add(row.split("\\|", 2));
      }
      List<String> models = db.strings("SELECT DISTINCT model_name FROM audit_event TABLESAMPLE SYSTEM (1) LIMIT 100");
      List<String> actors = db.strings("SELECT actor FROM audit_event TABLESAMPLE SYSTEM (1)"
          + " WHERE actor NOT LIKE 'system:%' GROUP BY actor");
      List<String> types = db.strings("SELECT event_type FROM audit_event TABLESAMPLE SYSTEM (1) GROUP BY event_type");
      return new Samples(deployments, versions, models, actors, types, instant(db, "min"), instant(db, "max"));
    }

    private static Instant instant(AuditDatabase db, String fn) throws SQLException {
      try (var statement = db.connection().createStatement();
          var rows = statement.executeQuery("SELECT " + fn + "(occurred_at) FROM audit_event")) {
        rows.next();
        return rows.getTimestamp(1).toInstant();
      }
    }
  }

  private final Samples samples;
  private final Random random;

  AuditQueries(Samples samples, long seed) {
    this.samples = samples;
    this.random = new Random(seed);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  Query deploymentTimeline() {
    String id = pick(samples.deployments());
    return new Query("deployment timeline", "/api/v1/deployments/" + enc(id) + "/timeline",
        TIMELINE.formatted("deployment_id = ?"), List.of(TOPIC_ORDER, id, 0L, 501), List.of(), List.of());
  }

  Query versionTimeline() {
    String[] v = pick(samples.versions());
    return new Query("model-version timeline", "/api/v1/models/" + enc(v[0]) + "/versions/" + enc(v[1]) + "/timeline",
        TIMELINE.formatted("model_name = ? AND model_version = ?"), List.of(TOPIC_ORDER, v[0], v[1], 0L, 501), List.of(),
        List.of());
  }

  Query modelAcrossVersions() {
    String model = pick(samples.models());
    return search("model across versions", "model=" + enc(model), List.of("model_name = ?"), List.of(model));
  }

  Query modelInEnvironment() {
    String model = pick(samples.models());
    String env = random.nextBoolean() ? "staging" : "production";
    return search("model + environment", "model=" + enc(model) + "&environment=" + env,
        List.of("model_name = ?", "environment = ?"), List.of(model, env));
  }

  Query environment() {
    String env = random.nextBoolean() ? "staging" : "production";
    return search("environment", "environment=" + env, List.of("environment = ?"), List.of(env));
  }

  Query eventType() {
    String type = pick(samples.types());
    return search("event type", "eventType=" + enc(type), List.of("event_type = ?"), List.of(type));
  }

  Query actor() {
    String actor = pick(samples.actors());
    return search("actor", "actor=" + enc(actor), List.of("actor = ?"), List.of(actor));
  }

  /** One hour somewhere in the trail. */
  Query timeRange() {
    long span = Duration.between(samples.first(), samples.last()).getSeconds();
    Instant from = samples.first().plusSeconds(Math.max(0, (long) (random.nextDouble() * (span - 3600))));
    Instant to = from.plusSeconds(3600);
    return search("time range (1 h)", "from=" + from + "&to=" + to, List.of("occurred_at >= ?", "occurred_at < ?"),
        List.of(Timestamp.from(from), Timestamp.from(to)));
  }

  /** Actor within a week: two indexed conditions. */
  Query actorInWeek() {
    String actor = pick(samples.actors());
    long span = Duration.between(samples.first(), samples.last()).getSeconds();
    Instant from = samples.first().plusSeconds(Math.max(0, (long) (random.nextDouble() * (span - 7 * 86400))));
    Instant to = from.plus(Duration.ofDays(7));
    return search("actor + time range (7 d)", "actor=" + enc(actor) + "&from=" + from + "&to=" + to,
        List.of("actor = ?", "occurred_at >= ?", "occurred_at < ?"),
        List.of(actor, Timestamp.from(from), Timestamp.from(to)));
  }

  /** The same search continued after a cursor: REST with the nextCursor of a page, SQL with its sort key. */
  static Query nextPage(Query first, String cursor, Instant occurredAt, int topicRank, int partition, long offset) {
    List<String> where = new ArrayList<>(first.conditions());
    where.add(CURSOR_CONDITION);
    List<Object> args = new ArrayList<>();
    args.add(TOPIC_ORDER);
    args.addAll(first.values());
    Timestamp at = Timestamp.from(occurredAt);
    args.addAll(List.of(at, TOPIC_ORDER, at, topicRank, partition, offset, 101));
    return new Query(first.name() + ", next page", first.rest() + "&cursor=" + cursor,
        SEARCH.formatted("WHERE " + String.join(" AND ", where)), args, first.conditions(), first.values());
  }

  private static Query search(String name, String query, List<String> conditions, List<Object> values) {
    List<Object> args = new ArrayList<>();
    args.add(TOPIC_ORDER);
    args.addAll(values);
    args.add(101);
    return new Query(name, "/api/v1/events?" + query + "&limit=100",
        SEARCH.formatted("WHERE " + String.join(" AND ", conditions)), args, conditions, values);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
