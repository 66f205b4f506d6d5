package dev.tollgate.approval.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.approval.deployment.api.StepBody;
import dev.tollgate.approval.deployment.api.StrategyBody;
import dev.tollgate.approval.deployment.domain.StrategyKind;
import dev.tollgate.approval.policy.FreezeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredEnvironmentsTest {

  static final StrategyBody STRATEGY = new StrategyBody(StrategyKind.CANARY,
      List.of(new StepBody(100, null, null, null, null, null, null, null)));

  static PoliciesProperties.Policy production(List<PoliciesProperties.FreezeWindow> freezes, String completedIn) {
    return new PoliciesProperties.Policy("production-v1", 2, List.of("ml-lead", "sre"), "approver", STRATEGY,
        Duration.ofHours(24), Duration.ofDays(7), completedIn, freezes,
        Map.of("widen", new PoliciesProperties.Gate(2, List.of("sre"))));
  }

  static PoliciesProperties.Policy staging() {
    return new PoliciesProperties.Policy("staging-v1", 1, null, "approver", STRATEGY, null, null, null, null, null);
  }

  @Test
  void readsTtlsPromotionOrderFreezeWindowsAndGates() {
    var environments = ConfiguredEnvironments.from(new PoliciesProperties(Map.of("staging", staging(),
        "production", production(List.of(
            new PoliciesProperties.FreezeWindow("year-end", "2025-12-20T00:00", "2026-01-05T00:00", null, null,
                "Europe/Berlin"),
            new PoliciesProperties.FreezeWindow(null, null, null, "friday 18:00", "MONDAY 06:00", "Europe/Berlin")),
            "staging"))));

    var production = environments.find("production").orElseThrow();
    assertThat(production.policy().approvalTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(production.policy().requestTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(production.promotionOrder().requiresCompletedIn()).isEqualTo("staging");
    assertThat(production.policy().freezes().windows()).hasSize(2);
    assertThat(production.policy().freezes().windows().get(1)).isEqualTo(new FreezeWindow.Weekly("freeze-2",
        DayOfWeek.FRIDAY, java.time.LocalTime.of(18, 0), DayOfWeek.MONDAY, java.time.LocalTime.of(6, 0),
        ZoneId.of("Europe/Berlin")));
    assertThat(production.policy().freezes().at(Instant.parse("2025-12-24T12:00:00Z"))).isPresent();
    assertThat(production.gatePolicy("widen").requiredApprovals()).isEqualTo(2);
    assertThat(production.gatePolicy("widen").requiredGroups()).containsExactly("sre");
    assertThat(production.gatePolicy("switch").requiredApprovals()).isEqualTo(1);
    assertThat(environments.find("staging").orElseThrow().policy().freezes().isEmpty()).isTrue();
  }

  @Test
  void badSettingsNameTheirKey() {
    assertThatThrownBy(() -> ConfiguredEnvironments.from(new PoliciesProperties(Map.of("staging", staging(),
        "production", production(List.of(), "qa")))))
        .hasMessageContaining("tollgate.policies.production.requires-completed-in names 'qa'");
    assertThatThrownBy(() -> ConfiguredEnvironments.from(new PoliciesProperties(Map.of("staging", staging(),
        "production", production(List.of(new PoliciesProperties.FreezeWindow("x", "2025-12-20T00:00", null,
            "FRIDAY 18:00", null, null)), null)))))
        .hasMessageContaining("tollgate.policies.production.freeze-windows[0]: give either");
    assertThatThrownBy(() -> ConfiguredEnvironments.from(new PoliciesProperties(Map.of("staging", staging(),
        "production", production(List.of(new PoliciesProperties.FreezeWindow("x", null, null,
            "FRIDAY 18:00", "MONDAY 06:00", "Mars/Olympus")), null)))))
        .hasMessageContaining("tollgate.policies.production.freeze-windows[0] is invalid");
  }

  @Test
  void aDefaultStrategyRolloutServiceWouldRefuseStopsTheStart() {
    var blueGreenStepInACanary = new StrategyBody(StrategyKind.CANARY, List.of(
        new StepBody(20, null, null, null, null, null, null, null),
        new StepBody(null, null, null, null, null, null, new StepBody.ScaleDownBody(60L), null)));
    var staging = new PoliciesProperties.Policy("staging-v1", 1, null, "approver", blueGreenStepInACanary, null, null,
        null, null, null);

    assertThatThrownBy(() -> ConfiguredEnvironments.from(new PoliciesProperties(Map.of("staging", staging))))
        .hasMessageContaining("tollgate.policies.staging.default-strategy is invalid: invalid strategy: "
            + "step 1 (scaleDown): belongs to a BLUE_GREEN strategy, not CANARY");
  }
}
