package dev.tollgate.bench.audit;

import dev.tollgate.bench.RunningStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read-only looks into audit-service's PostgreSQL: progress of the ingest, sizes, sample keys. */
final class AuditDatabase implements AutoCloseable {

  private final Connection connection;

  AuditDatabase(RunningStack stack) throws SQLException {
    if (stack.auditJdbcUrl() == null) {
      throw new IllegalStateException("stack.json names no postgres.jdbcUrls.audit");
    }
    this.connection = DriverManager.getConnection(stack.auditJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
  }

  Connection connection() {
    return connection;
  }

  /**
   * The sum of every partition's stored next offset: records appended (events, unreadable and duplicate links)
   * with their offsets committed in the same transaction.
   */
  long committedOffsets() throws SQLException {
    return longOf("SELECT coalesce(sum(next_offset), 0) FROM consumer_offset");
  }

  long events() throws SQLException {
    return longOf("SELECT count(*) FROM audit_event");
  }

  long longOf(String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** The first column of each row, as strings. */
  List<String> strings(String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  /** Every row as its columns joined by {@code |}. */
  List<String> rows(String sql, Object... args) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
          StringBuilder row = new StringBuilder();
          for (int c = 1; c <= columns; c++) {
            row.append(c > 1 ? "|" : "").append(rows.getString(c));
          }
          values.add(row.toString());
        }
      }
      return values;
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
