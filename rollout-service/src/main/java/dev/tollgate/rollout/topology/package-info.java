/** The pure topology factory: {@link dev.tollgate.rollout.topology.RolloutTopology#build}. */
package dev.tollgate.rollout.topology;
