package dev.tollgate.localstack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.localstack.LocalStackException;
import dev.tollgate.localstack.StackPorts;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLauncherTest {

  private static final ServiceLauncher.Infrastructure INFRA = new ServiceLauncher.Infrastructure(
      "127.0.0.1:19092", "http://127.0.0.1:18081", "127.0.0.1", 15432, "postgres", "postgres", Path.of("/data"));

  @Test
  void approvalServiceGetsTheRuntimeContractWithItsDatabase() {
    List<String> command = ServiceLauncher.command("/jdk/bin/java", TollgateService.APPROVAL, Path.of("/repo"),
        18181, INFRA, List.of("-Dextra=1"));

    assertThat(command).containsExactly(
        "/jdk/bin/java", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dextra=1",
        "-jar", "/repo/approval-service/target/approval-service-exec.jar",
        "--server.port=18181",
        "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
        "--spring.kafka.properties.schema.registry.url=http://127.0.0.1:18081",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/approval",
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres");
  }

  @Test
  void rolloutServiceGetsAStateDirAndNoDatabase() {
    List<String> command = ServiceLauncher.command("java", TollgateService.ROLLOUT, Path.of("/repo"), 18182, INFRA,
        List.of());

    assertThat(command).contains("--server.port=18182", "--tollgate.rollout.state-dir=/data/rollout-streams")
        .noneMatch(arg -> arg.startsWith("--spring.datasource"))
        .as("traffic acks stay required: the serving simulator acknowledges")
        .noneMatch(arg -> arg.startsWith("--tollgate.rollout.require-traffic-acks"));
  }

  @Test
  void onlyApprovalServiceGetsTheTestClockAndOnlyWhenAskedFor() {
    String flag = "--tollgate.dev.clock-control.enabled=true";
    ServiceLauncher.Customization testClock = new ServiceLauncher.Customization(List.of(), true, null);
    assertThat(ServiceLauncher.command("java", TollgateService.APPROVAL, Path.of("/repo"), 18181, INFRA, 1,
        testClock)).contains(flag);
    assertThat(ServiceLauncher.command("java", TollgateService.APPROVAL, Path.of("/repo"), 18181, INFRA, List.of()))
        .doesNotContain(flag);
    assertThat(ServiceLauncher.command("java", TollgateService.ROLLOUT, Path.of("/repo"), 18182, INFRA, 1,
        testClock)).noneMatch(arg -> arg.contains("clock-control"));
  }

  @Test
  void onlyApprovalServiceReadsThePolicyFileAfterItsOwnConfiguration() {
    ServiceLauncher.Customization custom =
        new ServiceLauncher.Customization(List.of(), false, Path.of("/etc/tollgate/policies.yml"));

    assertThat(ServiceLauncher.command("java", TollgateService.APPROVAL, Path.of("/repo"), 18181, INFRA, 1, custom))
        .contains("--spring.config.additional-location=file:/etc/tollgate/policies.yml");
    for (TollgateService other : List.of(TollgateService.ROLLOUT, TollgateService.AUDIT)) {
      assertThat(ServiceLauncher.command("java", other, Path.of("/repo"), 18182, INFRA, 1, custom))
          .noneMatch(arg -> arg.startsWith("--spring.config"));
    }
    assertThat(ServiceLauncher.command("java", TollgateService.APPROVAL, Path.of("/repo"), 18181, INFRA, List.of()))
        .noneMatch(arg -> arg.startsWith("--spring.config"));
  }

  @Test
  void aFurtherRolloutInstanceGetsAStateDirOfItsOwnAndItsName() {
    List<String> command = ServiceLauncher.command("java", TollgateService.ROLLOUT, Path.of("/repo"), 18192, INFRA,
        2, ServiceLauncher.Customization.jvmOpts(List.of()));

    assertThat(command).contains("--server.port=18192", "--tollgate.rollout.state-dir=/data/rollout-streams-2",
        "/repo/rollout-service/target/rollout-service-exec.jar");
    assertThat(TollgateService.ROLLOUT.instanceName(1)).isEqualTo("rollout-service");
    assertThat(TollgateService.ROLLOUT.instanceName(2)).isEqualTo("rollout-service-2");
    assertThat(TollgateService.ROLLOUT.instances(StackPorts.fixed(2))).isEqualTo(2);
    assertThat(TollgateService.AUDIT.instances(StackPorts.fixed(2))).isEqualTo(1);
    assertThat(TollgateService.ROLLOUT.port(StackPorts.fixed(2), 2)).isEqualTo(18192);
  }

  @Test
  void auditServiceUsesTheAuditDatabase() {
    assertThat(ServiceLauncher.command("java", TollgateService.AUDIT, Path.of("/repo"), 18183, INFRA, List.of()))
        .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:15432/audit")
        .noneMatch(arg -> arg.startsWith("--tollgate.rollout"));
  }

  @Test
  void auditServiceIsToldWhereApprovalAndRolloutServiceListen() {
    StackPorts ports = new StackPorts(1, 2, 3, 4, 40001, 40002, 40003, 5);

    assertThat(ServiceLauncher.peerArguments(TollgateService.AUDIT, ports)).containsExactly(
        "--tollgate.audit.handoff.approval-url=http://127.0.0.1:40001",
        "--tollgate.audit.handoff.rollout-url=http://127.0.0.1:40002");
    assertThat(ServiceLauncher.peerArguments(TollgateService.APPROVAL, ports)).isEmpty();
  }

  @Test
  void servicePortsFollowThePortPlan() {
    StackPorts ports = StackPorts.fixed();
    assertThat(TollgateService.APPROVAL.port(ports)).isEqualTo(18181);
    assertThat(TollgateService.ROLLOUT.port(ports)).isEqualTo(18182);
    assertThat(TollgateService.AUDIT.port(ports)).isEqualTo(18183);
  }

  @Test
  void missingJarsFailFastSayingHowToBuild(@TempDir Path home) throws Exception {
    Path approvalJar = TollgateService.APPROVAL.jar(home);
    Files.createDirectories(approvalJar.getParent());
    Files.writeString(approvalJar, "jar");

    assertThatThrownBy(() -> ServiceLauncher.requireJars(home))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("rollout-service-exec.jar")
        .hasMessageContaining("audit-service-exec.jar")
        .hasMessageNotContaining("approval-service-exec.jar")
        .hasMessageContaining("mvn -B -q -DskipTests package");
  }

  @Test
  void waitsUntilHealthAnswersUp(@TempDir Path dir) throws Exception {
    AtomicReference<String> status = new AtomicReference<>("{\"status\":\"DOWN\"}");
    HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    health.createContext("/actuator/health", exchange -> {
      byte[] body = status.get().getBytes(StandardCharsets.UTF_8);
      // the first poll sees DOWN (503), later ones UP, as a service that is still starting
      int code = status.get().contains("UP") ? 200 : 503;
      status.set("{\"status\":\"UP\",\"components\":{}}");
      exchange.sendResponseHeaders(code, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    health.start();
    ServiceProcess process = ServiceProcess.start(TollgateService.APPROVAL, List.of("sleep", "30"),
        health.getAddress().getPort(), dir.resolve("approval-service.log"));
    try {
      List<String> up = new ArrayList<>();
      ServiceLauncher.awaitHealthy(List.of(process), Duration.ofSeconds(20), s -> up.add(s.name()));
      assertThat(up).containsExactly("approval-service");
    } finally {
      health.stop(0);
      ServiceLauncher.stopAll(List.of(process), Duration.ofSeconds(5));
    }
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void aServiceThatDiesFailsTheWaitWithTheTailOfItsLog(@TempDir Path dir) {
    List<String> command = List.of("sh", "-c", "for i in $(seq 1 60); do echo line $i; done; exit 3");
    ServiceProcess process = ServiceProcess.start(TollgateService.AUDIT, command, 1, dir.resolve("audit-service.log"));

    assertThatThrownBy(() -> ServiceLauncher.awaitHealthy(List.of(process), Duration.ofSeconds(20), s -> { }))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("audit-service exited with code 3")
        .hasMessageContaining("line 21" + System.lineSeparator())
        .hasMessageContaining("line 60")
        .hasMessageNotContaining("line 20" + System.lineSeparator());
  }

  @Test
  void aServiceThatNeverGetsUpTimesOut(@TempDir Path dir) {
    ServiceProcess process = ServiceProcess.start(TollgateService.ROLLOUT, List.of("sleep", "30"), 1,
        dir.resolve("rollout-service.log"));
    try {
      assertThatThrownBy(() -> ServiceLauncher.awaitHealthy(List.of(process), Duration.ofSeconds(1), s -> { }))
          .hasMessageContaining("rollout-service was not UP within 1 s");
    } finally {
      ServiceLauncher.stopAll(List.of(process), Duration.ofSeconds(5));
    }
  }
}
