package dev.tollgate.rollout.state.routing;

import dev.tollgate.rollout.state.StateNotReadyException;
import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends each query to the instance that holds the state it asks about. All state of a model lives
 * on the instance that owns the model's partition; a deployment id is not a key, so looking one up
 * asks every instance. Throws {@link StateNotReadyException} while no instance can answer
 * (starting, rebalancing, the owner not reachable).
 */
public interface StateRouter {

  /** Runs {@code query} against the stores of the instance that owns {@code model}, here or there. */
  <T> Answer<T> ask(String model, Function<StateQueries, T> query);

  /** The deployment with this id on whichever instance holds it. */
  Optional<DeploymentView> deploymentById(String deploymentId);

  /**
   * This instance's stores for {@code model}, only while this instance owns the model's partition:
   * what a forwarded query is answered from, so it is never forwarded again.
   */
  StateQueries owned(String model);

  /** Every partition this instance runs: for the deployment-id scan another instance fans out. */
  StateQueries local();
}
