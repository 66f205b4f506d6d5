package dev.tollgate.rollout.strategy;

import java.util.List;

/**
 * The result of a controller command: the lane after it and the events it caused, in order.
 * {@code changed} is false when the command was a no-op (a duplicate, or a timer not yet due), so
 * nothing needs to be stored or published.
 */
public record Transition(RolloutLane lane, List<RolloutDomainEvent> events, boolean changed) {

  public Transition {
    events = List.copyOf(events);
  }

  static Transition unchanged(RolloutLane lane) {
    return new Transition(lane, List.of(), false);
  }

  static Transition of(RolloutLane lane, List<RolloutDomainEvent> events) {
    return new Transition(lane, events, true);
  }
}
