/**
 * The rollout controller on Kafka Streams: reads approvals, traffic acknowledgements, operator
 * commands and health samples; keeps one {@link dev.tollgate.rollout.strategy.RolloutLane} per model
 * and environment (and its analysis window) in state stores, drives timers with a wall-clock
 * punctuator, and publishes what the domain controller decides as rollout events and traffic
 * commands. Avro mapping lives here, not in the domain.
 */
package dev.tollgate.rollout.controller;
