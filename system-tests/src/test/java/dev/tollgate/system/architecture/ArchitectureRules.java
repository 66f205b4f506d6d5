package dev.tollgate.system.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The rules that keep Tollgate's shape; applied to the real code and, to prove they bite, to fixtures. */
final class ArchitectureRules {

  /** The strategy rules both approval-service and rollout-service judge a strategy by. */
  static final String STRATEGY_RULES = "dev.tollgate.strategy..";

  /**
   * Packages holding domain logic: policies, the strategy rules (module rollout-strategy) and the
   * rollout state machine, chains, the handoff document and its renderer, and any {@code domain}
   * package.
   */
  static final String[] DOMAIN_PACKAGES = {
      "..domain..", "dev.tollgate.approval.policy..", STRATEGY_RULES, "dev.tollgate.rollout.strategy..",
      "dev.tollgate.audit.chain..", "dev.tollgate.audit.handoff.document.."};

  private ArchitectureRules() {}

  /** Domain code is plain Java: no framework, no broker client, no wire-format types. */
  static ArchRule domainIsPlainJava() {
    return noClasses().that().resideInAnyPackage(DOMAIN_PACKAGES)
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "jakarta.persistence..", "jakarta.servlet..",
            "org.apache.avro..", "dev.tollgate.events..", "com.fasterxml.jackson..", "tools.jackson..",
            "java.sql..", "javax.sql..")
        .because("policies, state machines and the audit chain are plain Java that takes a Clock; adapters map to Avro, Kafka, JDBC and HTTP");
  }

  /**
   * The strategy rules stand alone: the JDK and nothing else, so either service (and CI tooling)
   * can use them without pulling in the other service's code.
   */
  static ArchRule strategyRulesStandAlone() {
    return classes().that().resideInAPackage(STRATEGY_RULES)
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", STRATEGY_RULES)
        .because("approval-service validates at intake with the same rules rollout-service runs by");
  }

  /** Domain code reads time from an injected Clock, never from the system clock directly. */
  static ArchRule domainTakesAClock() {
    return noClasses().that().resideInAnyPackage(DOMAIN_PACKAGES)
        .should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.lang.System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(java.time.ZonedDateTime.class, "now")
        .because("domain decisions must be testable with a fixed java.time.Clock");
  }

  /** Packages are named by feature, not by technical layer. */
  static ArchRule packagesByFeature() {
    return noClasses().should().resideInAnyPackage("..util..", "..utils..", "..impl..", "..helper..", "..helpers..", "..misc..", "..common..")
        .because("folder names tell where a rule lives, not what kind of class it is");
  }

  /** Spring wiring lives in configuration classes. */
  static ArchRule beansDeclaredInConfiguration() {
    return com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
        .that().areAnnotatedWith("org.springframework.context.annotation.Bean")
        .should().beDeclaredInClassesThat().areAnnotatedWith("org.springframework.context.annotation.Configuration")
        .orShould().beDeclaredInClassesThat().areAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
        .allowEmptyShould(true)
        .because("Spring wiring lives in configuration classes");
  }
}
