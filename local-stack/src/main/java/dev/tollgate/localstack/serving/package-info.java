/**
 * The serving platform's side of traffic: a {@link dev.tollgate.localstack.serving.ServingPlatform}
 * applies the traffic splits rollout-service asks for, a
 * {@link dev.tollgate.localstack.serving.TrafficCommandAdapter} turns traffic commands into calls
 * on it and acknowledges each exactly once, and the local stack's
 * {@link dev.tollgate.localstack.serving.SimulatedPlatform} stands in for a real platform: it keeps
 * the live splits and emits synthetic health samples per serving version from per-version
 * {@link dev.tollgate.localstack.serving.HealthProfile}s, so canaries can pass or fail analysis
 * without a model server.
 */
package dev.tollgate.localstack.serving;
