package dev.tollgate.localstack.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the stack's PostgreSQL listens.
 *
 * @param pid the postmaster's pid, -1 when external or unknown
 * @param embedded whether this stack runs it
 */
public record PostgresEndpoint(String host, int port, long pid, boolean embedded) {

  public String user() {
    return Databases.USER;
  }

  public String password() {
    return Databases.PASSWORD;
  }

  public String serverUrl() {
    return "jdbc:postgresql://" + host + ":" + port;
  }

  public String jdbcUrl(String database) {
    return Databases.jdbcUrl(host, port, database);
  }

  /** The services' databases by name. */
  public Map<String, String> jdbcUrls() {
    Map<String, String> urls = new LinkedHashMap<>();
    Databases.NAMES.forEach(db -> urls.put(db, jdbcUrl(db)));
    return urls;
  }
}
