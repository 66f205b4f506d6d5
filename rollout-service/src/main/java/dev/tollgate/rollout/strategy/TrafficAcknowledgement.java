package dev.tollgate.rollout.strategy;

import java.util.Objects;

/**
 * The serving platform's answer to a traffic command.
 *
 * @param eventId the acknowledgement event's id (a redelivered one is applied once)
 * @param commandId the command it answers
 * @param applied whether the split is in effect
 * @param message the platform's words, e.g. why it could not apply the split
 */
public record TrafficAcknowledgement(String eventId, String commandId, boolean applied, String message) {

  public TrafficAcknowledgement {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(commandId, "commandId");
  }
}
