package dev.tollgate.rollout.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.rollout.security.SecurityConfiguration;
import dev.tollgate.rollout.state.StateQueries;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The instance-to-instance endpoints under the real access rules: another instance forwards a
 * state read without a token, so these must be as open as the public reads (a forwarded query
 * refused here surfaces as a state that never appears on the asking instance).
 */
@WebMvcTest(InternalStateController.class)
@Import({SecurityConfiguration.class, AnsweringHere.Router.class})
class InternalStateControllerTest {

  @Autowired
  MockMvc mvc;

  @MockitoBean
  StateQueries queries;

  @Test
  void aForwardedStateReadNeedsNoToken() throws Exception {
    given(queries.deployments("fraud-detector", "1.4.0")).willReturn(List.of());
    given(queries.deploymentById("d1")).willReturn(Optional.empty());

    mvc.perform(get("/internal/v1/state/models/fraud-detector/versions/1.4.0")).andExpect(status().isOk());
    mvc.perform(get("/internal/v1/state/deployments/d1")).andExpect(status().isNotFound());
  }

  @Test
  void nothingButReadsIsOpenThere() throws Exception {
    mvc.perform(post("/internal/v1/state/models/fraud-detector/versions/1.4.0"))
        .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(401, 403));
  }
}
