package dev.tollgate.localstack;

import java.nio.file.Path;

/**
 * Where things live in a stack's data dir. Free of logging on purpose: the launcher needs the
 * log dir before log4j may initialize.
 */
public final class DataDirLayout {

  public static final String INFRA_LOG = "infra.log";

  private DataDirLayout() {}

  public static Path logDir(Path dataDir) {
    return dataDir.resolve("logs");
  }

  public static Path infraLog(Path dataDir) {
    return logDir(dataDir).resolve(INFRA_LOG);
  }

  public static Path serviceLog(Path dataDir, String service) {
    return logDir(dataDir).resolve(service + ".log");
  }

  public static Path kafkaDir(Path dataDir) {
    return dataDir.resolve("kafka");
  }

  public static Path postgresDir(Path dataDir) {
    return dataDir.resolve("postgres");
  }

  public static Path descriptor(Path dataDir) {
    return dataDir.resolve(StackDescriptor.FILE_NAME);
  }
}
