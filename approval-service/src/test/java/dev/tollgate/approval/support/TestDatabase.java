package dev.tollgate.approval.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A real PostgreSQL with the service's migrations applied, for one test class. */
public final class TestDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final DataSource dataSource;

  private TestDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
    this.dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).load().migrate();
  }

  public static TestDatabase start() {
    try {
      return new TestDatabase(EmbeddedPostgres.start());
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start", e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public void clear() {
    jdbc().sql("TRUNCATE outbox, gate_vote, gate, decision, idempotency_key, completed_rollout, rollout_started, deployment").update();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
