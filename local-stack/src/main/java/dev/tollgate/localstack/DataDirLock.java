package dev.tollgate.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One stack per data dir: an OS file lock on {@code stack.lock}, held for the launcher's life.
 * The OS drops it when the process dies, so a crashed launcher never leaves a stale lock.
 */
public final class DataDirLock implements AutoCloseable {

  public static final String FILE_NAME = "stack.lock";

  /*
   * Data dirs locked by this JVM. Checked before touching the lock file because on Linux closing
   * ANY descriptor of a file drops this process's fcntl locks on it (a second stack in the same
   * JVM, as in tests, must not unlock the first).
   */
  private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path dataDir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path dataDir, FileChannel channel, FileLock lock) {
    this.dataDir = dataDir;
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks the data dir (creating it) or fails saying which launcher holds it. */
  public static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!HELD_BY_THIS_JVM.add(dataDir)) {
      throw alreadyRunning(dataDir, String.valueOf(ProcessHandle.current().pid()));
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        HELD_BY_THIS_JVM.remove(dataDir);
        throw alreadyRunning(dataDir, holder);
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new DataDirLock(dataDir, channel, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      HELD_BY_THIS_JVM.remove(dataDir);
      if (e instanceof LocalStackException known) {
        throw known;
      }
      throw new LocalStackException("cannot lock data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static LocalStackException alreadyRunning(Path dataDir, String holder) {
    return new LocalStackException("another Tollgate local stack is already running on " + dataDir
        + (holder.isEmpty() ? "" : " (launcher pid " + holder + ")")
        + ". Stop it first, or give this one its own --data-dir.");
  }

  /**
   * Refuses to wipe a directory that holds files but was never a stack's data dir, so a slip like
   * {@code --data-dir . --clean} cannot delete a repository.
   */
  public static void requireCleanable(Path dataDir) {
    if (!Files.isDirectory(dataDir) || Files.exists(dataDir.resolve(FILE_NAME))) {
      return;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      if (entries.anyMatch(entry -> !launcherOwnLogDir(dataDir, entry))) {
        throw new LocalStackException("refusing to --clean " + dataDir + ": it is not empty and holds no "
            + FILE_NAME + ", so it is not a Tollgate data dir");
      }
    } catch (IOException | UncheckedIOException e) {
      throw new LocalStackException("cannot read " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Logging starts before the launcher reads its options, so a fresh data dir already holds the
   * launcher's own log dir (empty, or with only the infra log) by the time it is asked to clean.
   */
  private static boolean launcherOwnLogDir(Path dataDir, Path entry) {
    if (!entry.equals(DataDirLayout.logDir(dataDir)) || !Files.isDirectory(entry)) {
      return false;
    }
    try (Stream<Path> logs = Files.list(entry)) {
      return logs.allMatch(log -> log.getFileName().toString().equals(DataDirLayout.INFRA_LOG));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes everything in the locked data dir except the lock itself. */
  public void cleanDataDir() {
    Path lockFile = dataDir.resolve(FILE_NAME);
    try (Stream<Path> entries = Files.list(dataDir)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!entry.equals(lockFile)) {
          FileTrees.deleteTree(entry);
        }
      }
    } catch (IOException e) {
      throw new LocalStackException("cannot clean data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
    HELD_BY_THIS_JVM.remove(dataDir);
  }


  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
