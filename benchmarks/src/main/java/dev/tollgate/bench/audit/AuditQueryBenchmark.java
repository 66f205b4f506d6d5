package dev.tollgate.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.LatencyRecorder;
import dev.tollgate.bench.LoadAverage;
import dev.tollgate.bench.RunningStack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Latency of the auditor's timeline and filter queries over REST (sequential calls, auditor token), on
 * the trail as it is: fill it first with {@code audit-ingest --events 1000000}; it refuses a trail smaller
 * than {@code --min-events}. Every round asks each query once with keys sampled at random from the trail
 * (deployments, model versions, models, actors, event types, a time window), and follows a filtered page's
 * {@code nextCursor} for three more pages.
 */
public final class AuditQueryBenchmark {

  private static final int CURSOR_PAGES = 3;

  private final RunningStack stack;
  private final int rounds;
  private final int warmupRounds;
  private final long minEvents;

  public AuditQueryBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.rounds = options.getInt("rounds", 200);
    this.warmupRounds = options.getInt("warmup", 30);
    this.minEvents = Long.parseLong(options.get("min-events", "1000000"));
  }

  public void run() throws Exception {
    AuditQueries.Samples samples;
    long events;
    try (AuditDatabase db = new AuditDatabase(stack)) {
      events = db.events();
      if (events < minEvents) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "the trail holds %,d events, fewer than --min-events %,d; run audit-ingest first", events, minEvents));
      }
      samples = AuditQueries.Samples.of(db);
    }
    AuditQueries queries = new AuditQueries(samples, 42);
    AuditApi api = new AuditApi(stack.audit());
    List<Supplier<AuditQueries.Query>> kinds = List.of(queries::deploymentTimeline, queries::versionTimeline,
        queries::modelAcrossVersions, queries::modelInEnvironment, queries::environment, queries::eventType,
        queries::actor, queries::timeRange, queries::actorInWeek);
    Map<String, LatencyRecorder> latencies = new LinkedHashMap<>();
    LatencyRecorder all = new LatencyRecorder();
    long rows = 0;
    String loadBefore = LoadAverage.now();
    for (int round = 0; round < warmupRounds + rounds; round++) {
      boolean measured = round >= warmupRounds;
      for (Supplier<AuditQueries.Query> kind : kinds) {
        AuditQueries.Query query = kind.get();
        JsonNode page = timed(api, query.rest(), measured ? latencies.computeIfAbsent(query.name(),
            k -> new LatencyRecorder()) : null, measured ? all : null);
        rows += page.path("events").size();
        if (!query.conditions().isEmpty() && (query.name().startsWith("model across") || query.name().equals("actor"))) {
          for (int p = 0; p < CURSOR_PAGES && page.hasNonNull("nextCursor"); p++) {
            String rest = query.rest() + "&cursor=" + page.path("nextCursor").asText();
            page = timed(api, rest, measured ? latencies.computeIfAbsent(query.name() + ", cursor page",
                k -> new LatencyRecorder()) : null, measured ? all : null);
            rows += page.path("events").size();
          }
        }
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "audit-query (trail of %,d events; %d rounds after %d to warm up; sequential REST calls,"
        + " pages of 100 (timelines 500); %,d rows returned)  [before: %s; after: %s]%n",
        events, rounds, warmupRounds, rows, loadBefore, LoadAverage.now());
    latencies.forEach((name, recorder) -> System.out.printf(Locale.ROOT, "  %-34s %s%n", name, recorder.summary()));
    System.out.printf(Locale.ROOT, "  %-34s %s%n", "all queries", all.summary());
    System.out.println("  target p99 < 50 ms");
  }

  private static JsonNode timed(AuditApi api, String rest, LatencyRecorder recorder, LatencyRecorder all)
      throws Exception {
    long start = System.nanoTime();
    JsonNode body = api.get(rest, Duration.ofSeconds(30));
    long took = System.nanoTime() - start;
    if (recorder != null) {
      recorder.record(took);
      all.record(took);
    }
    return body;
  }
}
