package dev.tollgate.localstack.services;

import dev.tollgate.localstack.StackPorts;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The services the stack runs, each a Boot jar in its module's target dir. */
public enum TollgateService {
  APPROVAL("approval-service", "approval"),
  ROLLOUT("rollout-service", null),
  AUDIT("audit-service", "audit");

  private final String module;
  private final String database;

  TollgateService(String module, String database) {
    this.module = module;
    this.database = database;
  }

  /** Module and service name, e.g. {@code approval-service}. */
  public String module() {
    return module;
  }

  /** The service whose module (and service name) is {@code module}, e.g. {@code audit-service}. */
  public static Optional<TollgateService> ofModule(String module) {
    return Arrays.stream(values()).filter(s -> s.module.equals(module)).findFirst();
  }

  /** Its PostgreSQL database, if it has one. */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  public int port(StackPorts ports) {
    return switch (this) {
      case APPROVAL -> ports.approval();
      case ROLLOUT -> ports.rollout();
      case AUDIT -> ports.audit();
    };
  }

  /**
   * Name of one instance: the module for the first ({@code rollout-service}), then
   * {@code rollout-service-2}, ... Used in stack.json, the ready table and the log file name.
   */
  public String instanceName(int instance) {
    return instance == 1 ? module : module + "-" + instance;
  }

  /** How many instances of this service the stack runs: only rollout-service scales out. */
  public int instances(StackPorts ports) {
    return this == ROLLOUT ? ports.rolloutInstances() : 1;
  }

  /** Port of instance {@code instance} (1 is the first). */
  public int port(StackPorts ports, int instance) {
    return this == ROLLOUT ? ports.rollout(instance) : port(ports);
  }

  /** {@code <home>/<module>/target/<module>-exec.jar}, the Boot repackage with classifier exec. */
  public Path jar(Path home) {
    return home.resolve(module).resolve("target").resolve(module + "-exec.jar");
  }
}
