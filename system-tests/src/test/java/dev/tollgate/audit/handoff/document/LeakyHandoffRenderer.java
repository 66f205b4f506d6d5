package dev.tollgate.audit.handoff.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Test fixture, not production code: breaks the domain rule inside the handoff document's package
 * (JDBC and Jackson in the renderer), so ArchitectureTest proves the rule covers that package.
 */
public class LeakyHandoffRenderer {

  public String render(ResultSet row) throws SQLException {
    return new ObjectMapper().valueToTree(row.getString("payload")).toString();
  }
}
