package dev.tollgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
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

  @Test
  void furtherRolloutInstancesGetPortsOfTheirOwn() {
    StackPorts fixed = StackPorts.fixed(3);
    assertThat(fixed.rolloutInstances()).isEqualTo(3);
    assertThat(List.of(fixed.rollout(1), fixed.rollout(2), fixed.rollout(3))).containsExactly(18182, 18192, 18193);
    assertThat(fixed.byComponent(false, false, false, true, false))
        .containsEntry("rollout-service", 18182).containsEntry("rollout-service-2", 18192)
        .containsEntry("rollout-service-3", 18193).hasSize(5);

    StackPorts free = StackPorts.free(2);
    Set<Integer> distinct = IntStream.of(free.kafka(), free.controller(), free.registry(), free.postgres(),
        free.approval(), free.rollout(1), free.rollout(2), free.audit(), free.simulator()).boxed()
        .collect(Collectors.toSet());
    assertThat(distinct).hasSize(9);
    assertThat(StackPorts.free().rolloutInstances()).isEqualTo(1);
  }
}
