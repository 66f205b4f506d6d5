package dev.tollgate.rollout.strategy;

/** The share of traffic (0..100) one model version receives. */
public record TrafficWeight(String modelVersion, int weight) {}
