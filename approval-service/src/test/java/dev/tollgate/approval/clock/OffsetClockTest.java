package dev.tollgate.approval.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OffsetClockTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void runsAheadOfItsBaseByWhatItWasAdvanced() {
    OffsetClock clock = new OffsetClock(Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.advance(Duration.ofHours(25))).isEqualTo(Duration.ofHours(25));
    clock.advance(Duration.ofSeconds(30));

    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(25)).plusSeconds(30));
    assertThat(clock.withZone(ZoneOffset.ofHours(2)).instant()).as("a zoned view shares the offset")
        .isEqualTo(clock.instant());
  }

  @Test
  void movesOnlyForwardAndResetsToTheRealTime() {
    OffsetClock clock = new OffsetClock(Clock.fixed(T0, ZoneOffset.UTC));
    clock.advance(Duration.ofDays(1));

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clock.advance(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    clock.reset();
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.offset()).isZero();
  }
}
