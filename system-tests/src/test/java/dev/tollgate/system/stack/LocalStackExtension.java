package dev.tollgate.system.stack;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests the running stack: one stack per test JVM, started on first use and
 * stopped when JUnit closes its root store at the end of the run.
 */
public final class LocalStackExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StackEndpoints.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(RunningStack.class, key -> RunningStack.start(), RunningStack.class)
        .endpoints();
  }

  /** Closed by JUnit (an AutoCloseable in the root store) at the end of the test run. */
  static final class RunningStack implements AutoCloseable {
    private final AutoCloseable stack;
    private final StackEndpoints endpoints;

    private RunningStack(AutoCloseable stack, StackEndpoints endpoints) {
      this.stack = stack;
      this.endpoints = endpoints;
    }

    static RunningStack start() {
      Path home = Path.of(System.getProperty("tollgate.home", "..")).toAbsolutePath().normalize();
      try {
        if ("docker".equals(System.getProperty("tollgate.stack"))) {
          return fromDocker(home);
        }
        LocalStackProcess stack = LocalStackProcess.start(home);
        return new RunningStack(stack, stack.endpoints());
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start the local stack from " + home + ": " + e.getMessage(), e);
      }
    }

    /** The Testcontainers variant (Maven profile {@code docker}); compiled only in that profile. */
    private static RunningStack fromDocker(Path home) throws ReflectiveOperationException {
      Object stack = Class.forName("dev.tollgate.system.stack.docker.DockerStack")
          .getMethod("start", Path.class).invoke(null, home);
      StackEndpoints endpoints = (StackEndpoints) stack.getClass().getMethod("endpoints").invoke(stack);
      return new RunningStack((AutoCloseable) stack, endpoints);
    }

    StackEndpoints endpoints() {
      return endpoints;
    }

    @Override
    public void close() throws Exception {
      stack.close();
    }
  }
}
