package dev.tollgate.localstack;

import dev.tollgate.localstack.cli.InvalidOptionsException;
import dev.tollgate.localstack.cli.LocalStackOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;

/**
 * {@code java -jar tollgate-local-stack.jar [options]}: starts the stack, prints where everything
 * is, and stops it all on Ctrl-C, SIGTERM or (with --exit-with-parent) when the parent dies.
 *
 * <p>No logger field here on purpose: log4j2.xml names the infra log after a system property
 * that is set from the options, so logging must not initialize before they are parsed.
 */
public final class LocalStackMain {

  /** System property that log4j2.xml uses for the infra log's directory. */
  public static final String LOG_DIR_PROPERTY = "tollgate.logDir";

  private LocalStackMain() {}

  public static void main(String[] args) {
    long startNanos = System.nanoTime();
    LocalStackOptions options;
    try {
      options = LocalStackOptions.parse(args);
    } catch (InvalidOptionsException e) {
      System.err.println("tollgate-local: " + e.getMessage());
      System.err.println("Run with --help to see the options.");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(LocalStackOptions.usage());
      return;
    }
    System.setProperty(LOG_DIR_PROPERTY, DataDirLayout.logDir(options.dataDir()).toString());
    int status = run(options, startNanos);
    if (status != 0) {
      System.exit(status);
    }
  }

  private static int run(LocalStackOptions options, long startNanos) {
    LocalStack stack = new LocalStack(options, startNanos);
    AtomicBoolean stopping = new AtomicBoolean();
    // registered before starting, so Ctrl-C during startup also stops what already runs
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      if (stack.isClosed()) { // a failed start has stopped everything already
        LogManager.shutdown();
        return;
      }
      System.out.println("Stopping the Tollgate local stack...");
      long stopStart = System.nanoTime();
      stack.close();
      System.out.printf("Stopped in %.1f s.%n", (System.nanoTime() - stopStart) / 1e9);
      LogManager.shutdown(); // log4j's own hook is disabled so the stop above is still logged
    }, "tollgate-local-stack-stop"));
    if (options.exitWithParent()) {
      exitWithParent();
    }

    RunningStack running;
    try {
      running = stack.start();
    } catch (LocalStackException e) {
      if (stopping.get()) {
        return 0; // interrupted by the stop itself: nothing to report
      }
      System.err.println("tollgate-local: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      if (stopping.get()) {
        return 0;
      }
      System.err.println("tollgate-local: unexpected failure while starting:");
      e.printStackTrace();
      return 1;
    }
    System.out.print(ReadyReport.render(running));
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // runs until the JVM is asked to stop; the hook does the rest
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Tests start the launcher as a child; if they die without stopping it, it must not linger. */
  private static void exitWithParent() {
    ProcessHandle.current().parent().ifPresentOrElse(
        parent -> parent.onExit().thenRun(() -> {
          System.out.println("Parent process " + parent.pid() + " exited.");
          System.exit(0);
        }),
        () -> {
          System.err.println("tollgate-local: --exit-with-parent, but the parent process is already gone");
          System.exit(1);
        });
  }
}
