package dev.tollgate.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, from Linux's /proc; empty elsewhere or when the process is gone. */
public final class ProcessMemory {

  private ProcessMemory() {}

  public static OptionalLong rssMegabytes(long pid) {
    if (pid <= 0) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(parseKilobytes(line.substring("VmRSS:".length())) / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process has exited
    }
    return OptionalLong.empty();
  }

  /** "  123456 kB" → 123456. */
  static long parseKilobytes(String value) {
    String digits = value.trim();
    int space = digits.indexOf(' ');
    return Long.parseLong(space < 0 ? digits : digits.substring(0, space));
  }
}
