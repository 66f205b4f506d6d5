package dev.tollgate.approval.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreezeCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final FreezeWindow YEAR_END = new FreezeWindow.Period("year-end", LocalDateTime.parse("2025-12-20T00:00"),
      LocalDateTime.parse("2026-01-05T00:00"), BERLIN);
  static final FreezeWindow WEEKEND = new FreezeWindow.Weekly("weekend", DayOfWeek.FRIDAY, LocalTime.of(18, 0),
      DayOfWeek.MONDAY, LocalTime.of(6, 0), BERLIN);

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  @Test
  void aPeriodIsReadInItsZoneFromInclusiveUntilExclusive() {
    FreezeCalendar calendar = new FreezeCalendar(List.of(YEAR_END));
    assertThat(calendar.at(berlin("2025-12-19T23:59"))).isEmpty();
    // 2025-12-19T23:30Z is already the 20th in Berlin
    assertThat(calendar.at(Instant.parse("2025-12-19T23:30:00Z"))).isPresent();
    assertThat(calendar.at(berlin("2026-01-04T23:59")).orElseThrow().until())
        .isEqualTo(ZonedDateTime.of(2026, 1, 5, 0, 0, 0, 0, BERLIN));
    assertThat(calendar.at(berlin("2026-01-05T00:00"))).isEmpty();
  }

  @Test
  void aWeeklyWindowWrapsOverTheWeekend() {
    FreezeCalendar calendar = new FreezeCalendar(List.of(WEEKEND));
    // 2025-03-14 is a Friday
    assertThat(calendar.at(berlin("2025-03-14T17:59"))).isEmpty();
    var friday = calendar.at(berlin("2025-03-14T18:00")).orElseThrow();
    assertThat(friday.until()).isEqualTo(ZonedDateTime.of(2025, 3, 17, 6, 0, 0, 0, BERLIN));
    assertThat(friday.describe("production"))
        .isEqualTo("production is frozen until 2025-03-17T06:00:00+01:00[Europe/Berlin] (weekend)");
    assertThat(calendar.at(berlin("2025-03-16T12:00"))).isPresent();
    assertThat(calendar.at(berlin("2025-03-17T06:00"))).isEmpty();
    assertThat(calendar.at(berlin("2025-03-19T12:00"))).isEmpty();
  }

  @Test
  void weeklyWindowsKeepTheirLocalTimesAcrossDaylightSaving() {
    FreezeCalendar calendar = new FreezeCalendar(List.of(WEEKEND));
    // clocks go forward on Sunday 2025-03-30: the freeze still ends at 06:00 local, now +02:00
    var freeze = calendar.at(berlin("2025-03-29T10:00")).orElseThrow();
    assertThat(freeze.until().toOffsetDateTime().toString()).isEqualTo("2025-03-31T06:00+02:00");
  }

  @Test
  void touchingWindowsAreFollowedToTheRealEnd() {
    FreezeWindow fridayNight = new FreezeWindow.Weekly("friday-night", DayOfWeek.FRIDAY, LocalTime.of(18, 0),
        DayOfWeek.SATURDAY, LocalTime.of(0, 0), BERLIN);
    FreezeWindow saturday = new FreezeWindow.Weekly("saturday", DayOfWeek.SATURDAY, LocalTime.of(0, 0),
        DayOfWeek.SUNDAY, LocalTime.of(0, 0), BERLIN);
    var freeze = new FreezeCalendar(List.of(fridayNight, saturday)).at(berlin("2025-03-14T20:00")).orElseThrow();
    assertThat(freeze.until()).isEqualTo(ZonedDateTime.of(2025, 3, 16, 0, 0, 0, 0, BERLIN));
    assertThat(freeze.windows()).containsExactly("friday-night", "saturday");
  }

  @Test
  void emptyOrBackwardWindowsAreRefused() {
    assertThatThrownBy(() -> new FreezeWindow.Period("x", LocalDateTime.parse("2026-01-05T00:00"),
        LocalDateTime.parse("2025-12-20T00:00"), BERLIN)).hasMessageContaining("ends");
    assertThatThrownBy(() -> new FreezeWindow.Weekly("x", DayOfWeek.MONDAY, LocalTime.NOON, DayOfWeek.MONDAY,
        LocalTime.NOON, BERLIN)).hasMessageContaining("same time");
  }
}
