package dev.tollgate.approval.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tollgate.approval.security.SecurityConfiguration;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** With clock control enabled, the service's one Clock is the offset clock, and only an admin moves it. */
@WebMvcTest(ClockControlController.class)
@Import({SecurityConfiguration.class, ClockConfiguration.class})
@TestPropertySource(properties = "tollgate.dev.clock-control.enabled=true")
class ClockControlControllerTest {

  @Autowired
  MockMvc mvc;

  @Autowired
  Clock clock;

  @Test
  void anAdminMovesTheServicesClockForward() throws Exception {
    assertThat(clock).isInstanceOf(OffsetClock.class);
    ((OffsetClock) clock).reset();

    mvc.perform(post("/dev/clock/advance").header("Authorization", "Bearer admin-token")
            .contentType(MediaType.APPLICATION_JSON).content("{\"seconds\": 90000}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.offsetSeconds").value(90000));
    assertThat(((OffsetClock) clock).offset()).isEqualTo(Duration.ofHours(25));
    mvc.perform(get("/dev/clock").header("Authorization", "Bearer admin-token"))
        .andExpect(jsonPath("$.offsetSeconds").value(90000));

    mvc.perform(post("/dev/clock/reset").header("Authorization", "Bearer admin-token"))
        .andExpect(jsonPath("$.offsetSeconds").value(0));
  }

  @Test
  void onlyForwardByWholeSeconds() throws Exception {
    mvc.perform(post("/dev/clock/advance").header("Authorization", "Bearer admin-token")
            .contentType(MediaType.APPLICATION_JSON).content("{\"seconds\": 0}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("seconds"));
  }

  @Test
  void nobodyButAnAdmin() throws Exception {
    mvc.perform(post("/dev/clock/advance").header("Authorization", "Bearer alice-token")
            .contentType(MediaType.APPLICATION_JSON).content("{\"seconds\": 60}"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/dev/clock")).andExpect(status().isUnauthorized());
  }
}
