package dev.tollgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StackPortsTest {

  @Test
  void fixedPortsAreTheDocumentedOnes() {
    assertThat(StackPorts.fixed()).isEqualTo(new StackPorts(19092, 19093, 18081, 15432, 18181, 18182, 18183, 18184));
  }

  @Test
  void freePortsAreDistinct() {
    StackPorts ports = StackPorts.free();
    Set<Integer> distinct = IntStream.of(ports.kafka(), ports.controller(), ports.registry(), ports.postgres(),
        ports.approval(), ports.rollout(), ports.audit(), ports.simulator()).boxed().collect(Collectors.toSet());

    assertThat(distinct).hasSize(8).allSatisfy(port -> assertThat(port).isPositive());
  }

  @Test
  void namesEveryTakenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int free = StackPorts.free().kafka();
      assertThatThrownBy(() -> StackPorts.requireFree(Map.of("schema registry", taken.getLocalPort(), "kafka", free)))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining(taken.getLocalPort() + " (schema registry)")
          .hasMessageNotContaining("(kafka)")
          .hasMessageContaining("--ports auto");
    }
  }

  @Test
  void onlyRunningComponentsNeedPorts() {
    assertThat(StackPorts.fixed().byComponent(false, true, false, false, false)).containsOnlyKeys("schema registry");
    assertThat(StackPorts.fixed().byComponent(false, false, false, false, true))
        .containsExactly(Map.entry("serving simulator", 18184));
    assertThat(StackPorts.fixed().byComponent(true, true, true, true, true)).hasSize(8);
  }
}
