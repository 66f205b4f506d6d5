package dev.tollgate.approval.environment;

import dev.tollgate.approval.deployment.domain.EnvironmentSettings;
import dev.tollgate.approval.deployment.domain.EnvironmentSettings.GateQuorum;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.deployment.domain.PromotionOrder;
import dev.tollgate.approval.policy.ApprovalPolicy;
import dev.tollgate.approval.policy.FreezeCalendar;
import dev.tollgate.approval.policy.FreezeWindow;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Environments read from configuration, checked once at startup. */
public final class ConfiguredEnvironments implements Environments {

  private final Map<String, EnvironmentSettings> byName;

  private ConfiguredEnvironments(Map<String, EnvironmentSettings> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Fails with a message naming the configuration key when a policy is incomplete. */
  public static ConfiguredEnvironments from(PoliciesProperties properties) {
    Map<String, EnvironmentSettings> byName = new TreeMap<>();
    properties.policies().forEach((environment, policy) -> {
      String key = "tollgate.policies." + environment;
      if (!environment.matches("[a-z][a-z0-9-]{0,31}")) {
        throw new IllegalStateException(key + ": environment names are lowercase letters, digits and '-'");
      }
      require(policy.version() != null && !policy.version().isBlank(), key + ".version is required");
      require(policy.requiredApprovals() != null && policy.requiredApprovals() >= 1,
          key + ".required-approvals must be at least 1");
      require(policy.defaultStrategy() != null && policy.defaultStrategy().kind() != null
          && policy.defaultStrategy().steps() != null && !policy.defaultStrategy().steps().isEmpty(),
          key + ".default-strategy needs a kind and at least one step");
      var groups = policy.requiredGroups() == null ? List.<String>of() : policy.requiredGroups();
      require(groups.size() <= policy.requiredApprovals(),
          key + ": more required groups than required approvals can never be satisfied by distinct approvers"
              + " of one group each; raise required-approvals");
      require(policy.approvalTtl() == null || !(policy.approvalTtl().isZero() || policy.approvalTtl().isNegative()), key + ".approval-ttl must be positive");
      require(policy.requestTtl() == null || !(policy.requestTtl().isZero() || policy.requestTtl().isNegative()), key + ".request-ttl must be positive");
      ApprovalPolicy approvalPolicy = ApprovalPolicy.of(environment, policy.version(), policy.requiredApprovals(),
              blankToNull(policy.approverRole()), groups)
          .withApprovalTtl(policy.approvalTtl())
          .withRequestTtl(policy.requestTtl())
          .withFreezes(freezes(key + ".freeze-windows", policy.freezeWindows()));
      String completedIn = blankToNull(policy.requiresCompletedIn());
      require(completedIn == null || properties.policies().containsKey(completedIn),
          key + ".requires-completed-in names '" + completedIn + "', which is not a configured environment");
      require(!environment.equals(completedIn), key + ".requires-completed-in may not name the environment itself");
      try {
        byName.put(environment, new EnvironmentSettings(environment, approvalPolicy,
            policy.defaultStrategy().toDomain().requireValid(), new PromotionOrder(completedIn), gates(key + ".gates", policy)));
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalStateException(key + ".default-strategy is invalid: " + e.getMessage(), e);
      }
    });
    if (byName.isEmpty()) {
      throw new IllegalStateException("no environments configured: set tollgate.policies.<environment>");
    }
    return new ConfiguredEnvironments(byName);
  }

  private static Map<String, GateQuorum> gates(String key, PoliciesProperties.Policy policy) {
    Map<String, GateQuorum> gates = new LinkedHashMap<>();
    if (policy.gates() == null) {
      return gates;
    }
    policy.gates().forEach((name, gate) -> {
      int required = gate.requiredApprovals() == null ? 1 : gate.requiredApprovals();
      List<String> groups = gate.requiredGroups() == null ? List.of() : gate.requiredGroups();
      require(required >= 1, key + "." + name + ".required-approvals must be at least 1");
      require(groups.size() <= required, key + "." + name + ": more required groups than required approvals");
      gates.put(name, new GateQuorum(required, groups));
    });
    return gates;
  }

  static FreezeCalendar freezes(String key, List<PoliciesProperties.FreezeWindow> windows) {
    if (windows == null || windows.isEmpty()) {
      return FreezeCalendar.NONE;
    }
    List<FreezeWindow> result = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      var window = windows.get(i);
      String at = key + "[" + i + "]";
      String name = window.name() == null || window.name().isBlank() ? "freeze-" + (i + 1) : window.name();
      try {
        ZoneId zone = window.zone() == null || window.zone().isBlank() ? ZoneOffset.UTC : ZoneId.of(window.zone());
        boolean range = window.from() != null || window.until() != null;
        boolean weekly = window.weeklyFrom() != null || window.weeklyUntil() != null;
        require(range != weekly, at + ": give either from/until or weekly-from/weekly-until");
        if (range) {
          require(window.from() != null && window.until() != null, at + ": a range needs both from and until");
          result.add(new FreezeWindow.Period(name, LocalDateTime.parse(window.from()),
              LocalDateTime.parse(window.until()), zone));
        } else {
          require(window.weeklyFrom() != null && window.weeklyUntil() != null,
              at + ": a weekly window needs both weekly-from and weekly-until");
          String[] from = dayAndTime(at + ".weekly-from", window.weeklyFrom());
          String[] until = dayAndTime(at + ".weekly-until", window.weeklyUntil());
          result.add(new FreezeWindow.Weekly(name, DayOfWeek.valueOf(from[0]), LocalTime.parse(from[1]),
              DayOfWeek.valueOf(until[0]), LocalTime.parse(until[1]), zone));
        }
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalStateException(at + " is invalid: " + e.getMessage(), e);
      }
    }
    return new FreezeCalendar(result);
  }

  /** "FRIDAY 18:00" (day names in any case) into day and time. */
  private static String[] dayAndTime(String key, String text) {
    String[] parts = text.trim().split("\\s+");
    require(parts.length == 2, key + " must look like 'FRIDAY 18:00', was '" + text + "'");
    return new String[] {parts[0].toUpperCase(Locale.ROOT), parts[1]};
  }

  @Override
  public Optional<EnvironmentSettings> find(String name) {
    return Optional.ofNullable(name).map(byName::get);
  }

  @Override
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
