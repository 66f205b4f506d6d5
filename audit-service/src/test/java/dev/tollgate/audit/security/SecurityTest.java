package dev.tollgate.audit.security;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.audit.export.ExportController;
import dev.tollgate.audit.export.TrailExport;
import dev.tollgate.audit.verify.ChainVerification;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import dev.tollgate.audit.verify.VerificationController;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@WebMvcTest(controllers = {VerificationController.class, ExportController.class})
@Import(SecurityConfiguration.class)
@TestPropertySource(properties = {
    "tollgate.security.tokens.t-auditor.user=audrey", "tollgate.security.tokens.t-auditor.roles=auditor",
    "tollgate.security.tokens.t-admin.user=admin", "tollgate.security.tokens.t-admin.roles=admin",
    "tollgate.security.tokens.t-operator.user=olivia", "tollgate.security.tokens.t-operator.roles=operator"})
class SecurityTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  ChainVerification verification;

  @MockitoBean
  TrailExport export;

  @Test
  void withoutATokenTheApiAnswers401Problem() throws Exception {
    mvc.perform(get("/api/v1/verify"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"tollgate\""))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(jsonPath("$.detail").value("this endpoint needs 'Authorization: Bearer <token>'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer nope", "Bearer ", "Basic dDp0"})
  void anUnknownOrMalformedTokenIs401(String authorization) throws Exception {
    mvc.perform(get("/api/v1/verify").header("Authorization", authorization))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").value("Unauthenticated"));
  }

  @Test
  void aRoleOtherThanAuditorOrAdminIs403Problem() throws Exception {
    mvc.perform(get("/api/v1/verify").header("Authorization", "Bearer t-operator"))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(403))
        .andExpect(jsonPath("$.instance").value("/api/v1/verify"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"t-auditor", "t-admin"})
  void auditorsAndAdminsRead(String token) throws Exception {
    when(verification.verify(null)).thenReturn(List.of());

    mvc.perform(get("/api/v1/verify").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.valid").value(true));
  }

  @Test
  void nothingIsWrittenThroughTheApi() throws Exception {
    mvc.perform(post("/api/v1/verify").header("Authorization", "Bearer t-auditor"))
        .andExpect(status().isForbidden());
  }

  @Test
  void aStreamedExportCompletesItsAsyncDispatchForAnAuditor() throws Exception {
    when(export.modelRecorded("fraud-detector")).thenReturn(true);
    doAnswer(call -> {
      call.getArgument(1, OutputStream.class).write("{\"manifest\":true}\n".getBytes(StandardCharsets.UTF_8));
      return null;
    }).when(export).write(any(), any());

    MvcResult started = mvc.perform(get("/api/v1/export").param("model", "fraud-detector")
            .header("Authorization", "Bearer t-auditor"))
        .andExpect(request().asyncStarted())
        .andReturn();
    // the body is written in an ASYNC dispatch, which passes the filter chain again
    mvc.perform(asyncDispatch(started))
        .andExpect(status().isOk())
        .andExpect(content().string("{\"manifest\":true}\n"));
  }
}
