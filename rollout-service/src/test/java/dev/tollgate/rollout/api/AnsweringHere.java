package dev.tollgate.rollout.api;

import dev.tollgate.rollout.state.StateQueries;
import dev.tollgate.rollout.state.domain.DeploymentView;
import dev.tollgate.rollout.state.routing.Answer;
import dev.tollgate.rollout.state.routing.StateRouter;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import java.util.function.Function;

/** A router for web tests: one instance that owns every model and answers from {@code queries}. */
final class AnsweringHere implements StateRouter {

  static final String INSTANCE = "127.0.0.1:18182";

  /** Web tests import this: the router over the test's (mocked) {@link StateQueries}. */
  @TestConfiguration
  static class Router {
    @Bean
    StateRouter router(StateQueries queries) {
      return new AnsweringHere(queries);
    }
  }

  private final StateQueries queries;

  AnsweringHere(StateQueries queries) {
    this.queries = queries;
  }

  @Override
  public <T> Answer<T> ask(String model, Function<StateQueries, T> query) {
    return new Answer<>(query.apply(queries), INSTANCE);
  }

  @Override
  public Optional<DeploymentView> deploymentById(String deploymentId) {
    return queries.deploymentById(deploymentId);
  }

  @Override
  public StateQueries owned(String model) {
    return queries;
  }

  @Override
  public StateQueries local() {
    return queries;
  }
}
