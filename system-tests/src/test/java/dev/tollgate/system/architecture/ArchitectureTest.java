package dev.tollgate.system.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the production classes of every module against {@link ArchitectureRules}, and checks the
 * rules against deliberately broken fixtures so a rule that cannot fail is noticed.
 */
class ArchitectureTest {

  private static JavaClasses production;
  private static JavaClasses fixtures;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.tollgate");
    fixtures = new ClassFileImporter().importPackages("dev.tollgate.archfixture");
  }

  @Test
  void theScanSeesEveryModule() {
    assertThat(production.stream().map(c -> c.getPackageName()))
        .anyMatch(p -> p.startsWith("dev.tollgate.approval"))
        .anyMatch(p -> p.startsWith("dev.tollgate.rollout"))
        .anyMatch(p -> p.startsWith("dev.tollgate.audit"))
        .anyMatch(p -> p.startsWith("dev.tollgate.schemas"))
        .anyMatch(p -> p.startsWith("dev.tollgate.localstack"));
    assertThat(production.stream().map(c -> c.getPackageName()))
        .as("domain packages exist, so the domain rule has something to check")
        .anyMatch(p -> p.startsWith("dev.tollgate.approval.policy"))
        .anyMatch(p -> p.startsWith("dev.tollgate.strategy"))
        .anyMatch(p -> p.startsWith("dev.tollgate.rollout.strategy"))
        .anyMatch(p -> p.startsWith("dev.tollgate.audit.chain"))
        .anyMatch(p -> p.startsWith("dev.tollgate.audit.handoff.document"));
  }

  @Test
  void domainCodeIsPlainJava() {
    ArchitectureRules.domainIsPlainJava().check(production);
  }

  @Test
  void domainCodeTakesAClock() {
    ArchitectureRules.domainTakesAClock().check(production);
  }

  @Test
  void packagesAreNamedByFeature() {
    ArchitectureRules.packagesByFeature().check(production);
  }

  @Test
  void springWiringLivesInConfigurationClasses() {
    ArchitectureRules.beansDeclaredInConfiguration().check(production);
  }

  @Test
  void strategyRulesStandAlone() {
    ArchitectureRules.strategyRulesStandAlone().check(production);
  }

  @Test
  void theStrategyRulesMayNotReachIntoAServiceOrTheWireFormat() {
    // a test-only class in the real package: proves both rules cover the shared strategy module
    var leaky = new ClassFileImporter().importClasses(dev.tollgate.strategy.LeakyStrategyRule.class);
    EvaluationResult standAlone = ArchitectureRules.strategyRulesStandAlone().evaluate(leaky);
    assertThat(standAlone.hasViolation()).isTrue();
    assertThat(standAlone.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("LeakyStrategyRule") && d.contains("dev.tollgate.rollout.analysis.Limits"));
    EvaluationResult domain = ArchitectureRules.domainIsPlainJava().evaluate(leaky);
    assertThat(domain.hasViolation()).isTrue();
    assertThat(domain.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("LeakyStrategyRule") && d.contains("dev.tollgate.events"));
  }

  @Test
  void theDomainRuleFailsOnADomainClassThatUsesKafkaOrAvro() {
    EvaluationResult result = ArchitectureRules.domainIsPlainJava().evaluate(fixtures);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("LeakyPolicy") && d.contains("org.apache.kafka"))
        .anyMatch(d -> d.contains("LeakyPolicy") && d.contains("dev.tollgate.events"));
  }

  @Test
  void theDomainRuleCoversTheHandoffDocument() {
    // a test-only class in the real package: if the package left DOMAIN_PACKAGES, this would pass unnoticed
    EvaluationResult result = ArchitectureRules.domainIsPlainJava()
        .evaluate(new ClassFileImporter().importClasses(dev.tollgate.audit.handoff.document.LeakyHandoffRenderer.class));
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("LeakyHandoffRenderer") && d.contains("java.sql"))
        .anyMatch(d -> d.contains("LeakyHandoffRenderer") && d.contains("com.fasterxml.jackson"));
  }

  @Test
  void theClockRuleFailsOnADomainClassThatReadsTheSystemClock() {
    EvaluationResult result = ArchitectureRules.domainTakesAClock().evaluate(fixtures);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("LeakyPolicy") && d.contains("now"));
  }

  @Test
  void theFeaturePackageRuleFailsOnALayerPackage() {
    EvaluationResult result = ArchitectureRules.packagesByFeature()
        .evaluate(new ClassFileImporter().importPackages("dev.tollgate.archfixture.wiring"));
    assertThat(result.hasViolation()).isFalse();
    EvaluationResult layered = ArchitectureRules.packagesByFeature()
        .evaluate(new ClassFileImporter().importClasses(dev.tollgate.archfixture.util.StringUtil.class));
    assertThat(layered.hasViolation()).isTrue();
  }
}
