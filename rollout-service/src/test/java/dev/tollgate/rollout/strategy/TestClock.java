package dev.tollgate.rollout.strategy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the controller tests move by hand. */
final class TestClock extends Clock {

  Instant now;

  TestClock(Instant start) {
    this.now = start;
  }

  Instant advance(Duration by) {
    now = now.plus(by);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
