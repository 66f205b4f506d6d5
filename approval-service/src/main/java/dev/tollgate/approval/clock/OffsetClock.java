package dev.tollgate.approval.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs with the real one, shifted by an offset tests can move forward: "a day
 * passes" without waiting a day. Only ever forward, and back to the real time with
 * {@link #reset()}, so instants it hands out after an advance never run backwards by surprise.
 */
public final class OffsetClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset;

  public OffsetClock(Clock base) {
    this(base, new AtomicReference<>(Duration.ZERO));
  }

  private OffsetClock(Clock base, AtomicReference<Duration> offset) {
    this.base = base;
    this.offset = offset;
  }

  /** Moves the clock forward by {@code by}; returns the new offset from the real time. */
  public Duration advance(Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw new IllegalArgumentException("the clock only moves forward, not by " + by);
    }
    return offset.updateAndGet(current -> current.plus(by));
  }

  /** Back to the real time. */
  public void reset() {
    offset.set(Duration.ZERO);
  }

  public Duration offset() {
    return offset.get();
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new OffsetClock(base.withZone(zone), offset);
  }
}
