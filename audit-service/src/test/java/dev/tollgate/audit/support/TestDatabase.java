package dev.tollgate.audit.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real PostgreSQL for one test class, migrated with the service's Flyway scripts. Register it on
 * a static field ({@code @RegisterExtension static final TestDatabase db = new TestDatabase();}): it
 * starts before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} ones.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

  private EmbeddedPostgres postgres;
  private DataSource dataSource;
  private JdbcTemplate jdbc;
  private TransactionTemplate transactions;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    dataSource = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = new JdbcTemplate(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  public DataSource dataSource() {
    return started(dataSource);
  }

  public JdbcTemplate jdbc() {
    return started(jdbc);
  }

  public TransactionTemplate transactions() {
    return started(transactions);
  }

  public void truncate() {
    jdbc().execute("TRUNCATE audit_event, unreadable_record, consumer_offset, checkpoint, signing_key");
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  private static <T> T started(T part) {
    if (part == null) {
      throw new IllegalStateException("the test database is not started: register it with @RegisterExtension on a static field");
    }
    return part;
  }
}
