package dev.tollgate.rollout.state;

import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.LivePeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the materialized state. Every query is scoped to one model, and all of a model's state
 * lives on the instance that owns the model's partition, so a later implementation can forward a
 * query to that instance by model name. Implementations throw {@link StateNotReadyException} while
 * the stores cannot be read (starting, rebalancing).
 */
public interface StateQueries {

  Optional<DeploymentView> deployment(String model, String version, String environment);

  /** Every environment of one model version, ordered by environment. */
  List<DeploymentView> deployments(String model, String version);

  /** What is live for the model, per environment, ordered by environment. */
  List<LiveDeployment> live(String model);

  /**
   * What was live for the model in the environment at {@code at} (now or in the past, within the
   * live-history retention), and until when; empty when nothing was live then.
   */
  Optional<LivePeriod> liveAt(String model, String environment, Instant at);

  /** Whether any state of the model is known (tells "nothing live" from "unknown model"). */
  boolean knowsModel(String model);

  /** The deployment with this id, wherever it is (a scan of the local state; the id is not the key). */
  Optional<DeploymentView> deploymentById(String deploymentId);

  /** The deployment approved or rolling out (or back) for the model in the environment, if any. */
  Optional<DeploymentView> active(String model, String environment);
}
