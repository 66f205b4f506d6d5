package dev.tollgate.rollout.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * An id for this instance that survives its restarts: kept in a file beside its state stores, made
 * on first start. Two instances never share a state directory, so they never share the id.
 */
final class InstanceId {

  static final String FILE = "health-ingest.id";

  private InstanceId() {}

  static String of(Path stateDir) {
    Path file = stateDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      Files.createDirectories(stateDir);
      String id = UUID.randomUUID().toString();
      Path written = Files.writeString(Files.createTempFile(stateDir, FILE, ".tmp"), id, StandardCharsets.UTF_8);
      Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the health ingest's instance id in " + file, e);
    }
  }
}
