package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Environments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Marks pending requests that outlived their environment's request-ttl as EXPIRED (with
 * {@code ApprovalExpired(approver=null)}), on a fixed delay. Time comes from the injected clock
 * only, so tests move it by hand and call {@link #sweep()}. Several instances may sweep at once:
 * each deployment is expired under its row lock, once.
 */
public class RequestExpirySweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RequestExpirySweeper.class);
  private static final int BATCH = 200;

  private final JdbcDeploymentStore store;
  private final DeploymentDecisions decisions;
  private final Environments environments;
  private final Clock clock;
  private final Duration interval;
  private volatile ScheduledExecutorService executor;

  public RequestExpirySweeper(JdbcDeploymentStore store, DeploymentDecisions decisions, Environments environments,
      Clock clock, Duration interval) {
    this.store = store;
    this.decisions = decisions;
    this.environments = environments;
    this.clock = clock;
    this.interval = interval;
  }

  /** Expires every due request now; returns how many. */
  public int sweep() {
    int expired = 0;
    Instant now = clock.instant();
    for (String environment : environments.names()) {
      var policy = environments.find(environment).orElseThrow().policy();
      if (policy.requestTtl() == null) {
        continue;
      }
      Instant cutoff = now.minus(policy.requestTtl());
      while (true) {
        var due = store.findPendingRequestedBefore(environment, cutoff, BATCH);
        int before = expired;
        for (String id : due) {
          if (decisions.expireIfDue(id)) {
            expired++;
          }
        }
        // a full batch of which none expired would repeat itself: stop, the next sweep retries
        if (due.size() < BATCH || expired == before) {
          break;
        }
      }
    }
    return expired;
  }

  private void sweepSafely() {
    try {
      int expired = sweep();
      if (expired > 0) {
        log.info("Expired {} pending requests past their request-ttl", expired);
      }
    } catch (RuntimeException e) {
      log.warn("Request expiry sweep failed, retrying in {}: {}", interval, e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "request-expiry");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
