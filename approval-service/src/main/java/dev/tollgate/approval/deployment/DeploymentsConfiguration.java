package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.outbox.OutboxStore;
import java.time.Clock;
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
      TransactionTemplate transactions, Clock clock) {
    return new DeploymentIntake(store, outbox, environments, transactions, clock);
  }

  @Bean
  DeploymentDecisions deploymentDecisions(JdbcDeploymentStore store, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock) {
    return new DeploymentDecisions(store, outbox, environments, transactions, clock);
  }

  @Bean
  DeploymentQueries deploymentQueries(JdbcDeploymentStore store, Environments environments) {
    return new DeploymentQueries(store, environments);
  }
}
