package dev.tollgate.approval.gate;

import dev.tollgate.approval.deployment.JdbcDeploymentStore;
import dev.tollgate.approval.deployment.domain.Environments;
import dev.tollgate.approval.outbox.OutboxStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class GatesConfiguration {

  @Bean
  JdbcGateStore gateStore(JdbcClient jdbc) {
    return new JdbcGateStore(jdbc);
  }

  @Bean
  Gates gates(JdbcGateStore store, JdbcDeploymentStore deployments, OutboxStore outbox, Environments environments,
      TransactionTemplate transactions, Clock clock) {
    return new Gates(store, deployments, outbox, environments, transactions, clock);
  }
}
