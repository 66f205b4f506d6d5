/**
 * Health analysis as plain Java: health samples aggregated per version in the current analysis
 * window ({@link dev.tollgate.rollout.analysis.LaneHealth}), and one measurement judged against
 * limits ({@link dev.tollgate.rollout.analysis.HealthJudge}). No Spring, Kafka or Avro here.
 */
package dev.tollgate.rollout.analysis;
