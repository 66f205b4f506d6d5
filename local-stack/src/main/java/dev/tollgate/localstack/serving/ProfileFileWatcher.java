package dev.tollgate.localstack.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ProfileBook} in step with the profiles file in the data dir: called periodically,
 * it reloads the file when it appeared, changed (modification time or size) or went away. A file
 * that cannot be read or is invalid is reported once and the profiles loaded before stay in force.
 * Polling rather than a {@code WatchService}: editors replace files in ways a watch can miss, and
 * a stat per second costs nothing.
 */
public final class ProfileFileWatcher {

  private static final Logger log = LoggerFactory.getLogger(ProfileFileWatcher.class);

  private record Stamp(Path file, long modified, long size) {}

  private final Path dataDir;
  private final ProfileBook book;
  private Stamp seen;

  public ProfileFileWatcher(Path dataDir, ProfileBook book) {
    this.dataDir = dataDir;
    this.book = book;
  }

  /** Reloads if the file changed since the last call; true when the book was updated. */
  public synchronized boolean reloadIfChanged() {
    Path file = ProfileFile.find(dataDir);
    Stamp stamp = stamp(file);
    if (Objects.equals(stamp, seen)) {
      return false;
    }
    Stamp previous = seen;
    seen = stamp;
    if (file == null) {
      book.replaceFile(ProfileFile.Contents.EMPTY);
      log.info("Serving simulator: {} is gone; profiles from the file dropped", previous.file());
      return true;
    }
    try {
      ProfileFile.Contents contents = ProfileFile.read(file);
      book.replaceFile(contents);
      log.info("Serving simulator: loaded {} ({} model(s){})", file, contents.models().size(),
          contents.defaultProfile() == null ? "" : ", a default profile");
      return true;
    } catch (IOException | InvalidProfileException e) {
      log.warn("Serving simulator: cannot use {}, keeping the profiles loaded before: {}", file, e.getMessage());
      return false;
    }
  }

  private static Stamp stamp(Path file) {
    if (file == null) {
      return null;
    }
    try {
      return new Stamp(file, Files.getLastModifiedTime(file).toMillis(), Files.size(file));
    } catch (IOException e) {
      return null; // vanished between find and stat: treat as gone, the next call sees it again
    }
  }
}
