package dev.tollgate.localstack.postgres;

import dev.tollgate.localstack.LocalStackException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL from zonky's embedded binaries, as its own server process, with its data directory
 * in the stack's data dir (initialized once, kept across restarts). initdb runs with trust
 * authentication, so any password (the services use postgres/postgres) is accepted.
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  public static LocalPostgres start(Path dataDir, int port, Duration timeout) {
    stopOrphanedPostmaster(dataDir);
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(timeout)
          // the launcher's own hook stops everything in order; zonky's would race with it
          .setRegisterShutdownHook(false)
          .setServerConfig("listen_addresses", "127.0.0.1")
          // zonky starts PostgreSQL with fsync and synchronous_commit off, for throwaway test databases;
          // the audit trail and the approval outbox promise that a commit survives a crash, so a commit
          // waits for its WAL to reach the disk (a later -c fsync=on overrides zonky's -F)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          // the audit trail's bulk ingest touches ten indexes per row: buffers that hold them (so
          // backends rarely write out dirty pages themselves), WAL buffers that its parallel writers
          // do not fill between flushes, and checkpoints far enough apart that full-page images do
          // not dominate the WAL
          .setServerConfig("shared_buffers", "1GB")
          .setServerConfig("wal_buffers", "64MB")
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("checkpoint_timeout", "15min")
          .start();
      return new LocalPostgres(postgres, dataDir);
    } catch (IOException | RuntimeException e) {
      throw new LocalStackException("PostgreSQL did not start on port " + port + " with data in " + dataDir
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * A launcher killed with SIGKILL leaves its postmaster running (pg_ctl detaches it). We hold the
   * data dir lock, so a live postmaster on our data dir is such an orphan: stop it, or the new
   * server would refuse to start on the same data.
   */
  private static void stopOrphanedPostmaster(Path dataDir) {
    Optional<ProcessHandle> orphan = postmasterPid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    if (orphan.isEmpty()) {
      return;
    }
    ProcessHandle process = orphan.get();
    log.warn("Stopping PostgreSQL pid {} left running on {} by an earlier launcher", process.pid(), dataDir);
    process.destroy(); // SIGTERM: smart shutdown
    try {
      process.onExit().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  /** The postmaster's pid, from the first line of postmaster.pid. */
  static Optional<Long> postmasterPid(Path dataDir) {
    Path file = dataDir.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** The server process, -1 when it cannot be told. */
  public long pid() {
    return postmasterPid(dataDir).orElse(-1L);
  }

  @Override
  public void close() {
    try {
      postgres.close(); // pg_ctl stop -m fast
    } catch (IOException | RuntimeException e) {
      log.warn("PostgreSQL did not stop cleanly", e);
    }
  }
}
