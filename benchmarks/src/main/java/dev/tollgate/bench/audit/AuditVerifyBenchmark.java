package dev.tollgate.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.bench.BenchmarkOptions;
import dev.tollgate.bench.LoadAverage;
import dev.tollgate.bench.RunningStack;
import java.time.Duration;
import java.util.Locale;

/**
 * Wall time of a full verification ({@code GET /api/v1/verify}: every chain recomputed from link 1,
 * every signed checkpoint checked) over the trail as it is, the first call and repeated calls. It
 * generates nothing: fill the trail first with {@code audit-ingest --events 1000000}; it refuses a
 * trail smaller than {@code --min-events}.
 */
public final class AuditVerifyBenchmark {

  private final RunningStack stack;
  private final int repeats;
  private final long minEvents;

  public AuditVerifyBenchmark(RunningStack stack, BenchmarkOptions options) {
    this.stack = stack;
    this.repeats = options.getInt("repeats", 3);
    this.minEvents = Long.parseLong(options.get("min-events", "1000000"));
  }

  public void run() throws Exception {
    long events;
    long links;
    try (AuditDatabase db = new AuditDatabase(stack)) {
      events = db.events();
      links = db.longOf("SELECT coalesce(sum(chain_seq), 0) FROM consumer_offset");
    }
    if (events < minEvents) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "the trail holds %,d events, fewer than --min-events %,d; run audit-ingest first", events, minEvents));
    }
    AuditApi api = new AuditApi(stack.audit());
    System.out.printf(Locale.ROOT, "audit-verify: trail of %,d events (%,d links)%n", events, links);
    for (int call = 0; call <= repeats; call++) {
      long start = System.nanoTime();
      JsonNode report = api.get("/api/v1/verify", Duration.ofMinutes(10));
      double seconds = (System.nanoTime() - start) / 1e9;
      long verified = 0;
      long checkpoints = 0;
      for (JsonNode chain : report.path("chains")) {
        verified += chain.path("events").asLong();
        checkpoints += chain.path("checkpoints").asLong();
      }
      if (!report.path("valid").asBoolean()) {
        throw new IllegalStateException("the trail does not verify: " + report);
      }
      System.out.printf(Locale.ROOT, "  %-8s %7.2f s  %,d chains, %,d links, %,d checkpoints, valid  (%,.0f links/s)  [%s]%n",
          call == 0 ? "first" : "repeat " + call, seconds, report.path("chains").size(), verified, checkpoints,
          verified / seconds, LoadAverage.now());
    }
    System.out.println("  target < 10 s for 1,000,000 events");
  }
}
