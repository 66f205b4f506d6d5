package dev.tollgate.approval.clock;

import dev.tollgate.approval.api.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Moves the test clock (role admin). Exists only with {@code tollgate.dev.clock-control.enabled}. */
@RestController
@ConditionalOnProperty(name = ClockConfiguration.ENABLED, havingValue = "true")
@RequestMapping("/dev/clock")
@Tag(name = "test clock", description = "Only with tollgate.dev.clock-control.enabled: move time for expiry tests")
@SecurityRequirement(name = "bearer")
public class ClockControlController {

  private final OffsetClock clock;

  public ClockControlController(OffsetClock clock) {
    this.clock = clock;
  }

  public record Advance(Long seconds) {}

  public record ClockView(String now, long offsetSeconds) {}

  @Operation(summary = "The service's current time and how far it is ahead of the real time")
  @GetMapping
  public ClockView now() {
    return view();
  }

  @Operation(summary = "Move the clock forward by some seconds (role admin)")
  @PostMapping("/advance")
  public ClockView advance(@RequestBody(required = false) Advance body) {
    if (body == null || body.seconds() == null || body.seconds() < 1) {
      throw new InvalidFieldException("seconds", "must be a whole number of seconds, at least 1");
    }
    clock.advance(Duration.ofSeconds(body.seconds()));
    return view();
  }

  @Operation(summary = "Back to the real time (role admin)")
  @PostMapping("/reset")
  public ClockView reset() {
    clock.reset();
    return view();
  }

  private ClockView view() {
    return new ClockView(clock.instant().toString(), clock.offset().toSeconds());
  }
}
