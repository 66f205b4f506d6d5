package dev.tollgate.rollout.state.routing;

/**
 * What a query returned and which instance answered it from its stores.
 *
 * @param instance {@code host:port} of the answering instance
 */
public record Answer<T>(T value, String instance) {}
