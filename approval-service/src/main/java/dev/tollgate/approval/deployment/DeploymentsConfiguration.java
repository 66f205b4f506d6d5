package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.outbox.OutboxStore;
import dev.tollgate.approval.deployment.domain.CompletedRollouts;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class DeploymentsConfiguration {

  @Bean
  JdbcDeploymentStore deploymentStore(JdbcClient jdbc, JsonMapper json) {
    return new JdbcDeploymentStore(jdbc, json);
  }

  @Bean
  DeploymentIntake deploymentIntake(JdbcDeploymentStore store, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock, CompletedRollouts completedRollouts) {
    return new DeploymentIntake(store, outbox, environments, transactions, clock, completedRollouts);
  }

  @Bean
  DeploymentDecisions deploymentDecisions(JdbcDeploymentStore store, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock) {
    return new DeploymentDecisions(store, outbox, environments, transactions, clock);
  }

  @Bean
  RequestExpirySweeper requestExpirySweeper(JdbcDeploymentStore store, DeploymentDecisions decisions,
      Environments environments, Clock clock,
      @Value("${tollgate.expiry.sweep-interval:30s}") Duration interval) {
    return new RequestExpirySweeper(store, decisions, environments, clock, interval);
  }

  @Bean
  DeploymentQueries deploymentQueries(JdbcDeploymentStore store, Environments environments, Clock clock) {
    return new DeploymentQueries(store, environments, clock);
  }
}
