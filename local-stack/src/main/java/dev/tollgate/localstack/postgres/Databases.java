package dev.tollgate.localstack.postgres;

import dev.tollgate.localstack.LocalStackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The services' databases on a PostgreSQL server, embedded or external. */
public final class Databases {

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";
  /** Database per service that needs one. */
  public static final List<String> NAMES = List.of("approval", "audit");

  private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private Databases() {}

  public static String jdbcUrl(String host, int port, String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /**
   * Creates the missing databases; returns those it created. Retries the first connection until
   * {@code timeout}, since an external server may still be starting.
   */
  public static List<String> ensure(String host, int port, Duration timeout) {
    List<String> created = new ArrayList<>();
    try (Connection connection = connect(jdbcUrl(host, port, "postgres"), timeout)) {
      for (String name : NAMES) {
        if (!SAFE_NAME.matcher(name).matches()) {
          throw new IllegalStateException("unsafe database name " + name);
        }
        if (!exists(connection, name)) {
          try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
          }
          created.add(name);
        }
      }
    } catch (SQLException e) {
      throw new LocalStackException("cannot create the databases " + NAMES + " on PostgreSQL " + host + ":" + port
          + " as user " + USER + ": " + e.getMessage(), e);
    }
    return created;
  }

  private static boolean exists(Connection connection, String name) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static Connection connect(String url, Duration timeout) throws SQLException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        return DriverManager.getConnection(url, USER, PASSWORD);
      } catch (SQLException e) {
        // 08xxx: connection failures worth waiting out; anything else (bad password) is final
        boolean transientFailure = e.getSQLState() != null && e.getSQLState().startsWith("08");
        if (!transientFailure || Instant.now().isAfter(deadline)) {
          throw e;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
