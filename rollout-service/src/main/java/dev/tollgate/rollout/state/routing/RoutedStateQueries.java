package dev.tollgate.rollout.state.routing;

import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.domain.LiveDeployment;
import dev.tollgate.rollout.state.domain.LivePeriod;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link StateQueries} that any instance answers: each query runs where its model's state is. */
public final class RoutedStateQueries implements StateQueries {

  private final StateRouter router;

  public RoutedStateQueries(StateRouter router) {
    this.router = router;
  }

  @Override
  public Optional<DeploymentView> deployment(String model, String version, String environment) {
    return router.ask(model, q -> q.deployment(model, version, environment)).value();
  }

  @Override
  public List<DeploymentView> deployments(String model, String version) {
    return router.ask(model, q -> q.deployments(model, version)).value();
  }

  @Override
  public List<LiveDeployment> live(String model) {
    return router.ask(model, q -> q.live(model)).value();
  }

  @Override
  public Optional<LivePeriod> liveAt(String model, String environment, Instant at) {
    return router.ask(model, q -> q.liveAt(model, environment, at)).value();
  }

  @Override
  public boolean knowsModel(String model) {
    return router.ask(model, q -> q.knowsModel(model)).value();
  }

  @Override
  public Optional<DeploymentView> deploymentById(String deploymentId) {
    return router.deploymentById(deploymentId);
  }

  @Override
  public Optional<DeploymentView> active(String model, String environment) {
    return router.ask(model, q -> q.active(model, environment)).value();
  }
}
