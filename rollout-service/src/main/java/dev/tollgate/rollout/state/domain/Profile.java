package dev.tollgate.rollout.state.domain;

/** Where and how the model version runs (the request's deployment profile). */
public record Profile(String instanceType, String instanceSize, int replicas, String location, String updateSchedule) {}
