package dev.tollgate.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The default mode: tokens from tollgate.security.tokens, with their user, roles and groups. */
@SpringBootTest(classes = SecuredApp.class, properties = {
    "tollgate.security.tokens.alice-token.user=alice", "tollgate.security.tokens.alice-token.roles=approver",
    "tollgate.security.tokens.alice-token.groups=ml-lead",
    "tollgate.security.tokens.[a.b-c].user=admin", "tollgate.security.tokens.[a.b-c].roles=admin"})
@AutoConfigureMockMvc
class StaticTokenModeTest {

  @Autowired
  MockMvc mvc;

  @Test
  void aKnownTokenIsItsUser() throws Exception {
    mvc.perform(get("/api/v1/me").header("Authorization", "bearer alice-token"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.user").value("alice"))
        .andExpect(jsonPath("$.roles[0]").value("approver"))
        .andExpect(jsonPath("$.groups[0]").value("ml-lead"));
    mvc.perform(get("/api/v1/admin").header("Authorization", "Bearer a.b-c"))
        .andExpect(status().isOk());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer nope", "Bearer ", "Basic YWxpY2U6cHc="})
  void anUnknownOrMalformedTokenIs401(String authorization) throws Exception {
    mvc.perform(get("/api/v1/me").header("Authorization", authorization))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"tollgate\""))
        .andExpect(jsonPath("$.title").value("Unauthenticated"));
  }

  @Test
  void theWrongRoleIs403AndNamesTheRoles() throws Exception {
    mvc.perform(get("/api/v1/admin").header("Authorization", "Bearer alice-token"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value("your roles (approver) do not allow GET /api/v1/admin"))
        .andExpect(jsonPath("$.instance").value("/api/v1/admin"));
  }

  @Test
  void anythingWithoutARuleIsDenied() throws Exception {
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/me")
            .header("Authorization", "Bearer a.b-c"))
        .andExpect(status().isForbidden());
  }
}
