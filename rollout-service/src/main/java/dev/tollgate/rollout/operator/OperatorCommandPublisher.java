package dev.tollgate.rollout.operator;

import dev.tollgate.rollout.state.domain.DeploymentView;
import java.util.Map;

/** Publishes commands for the rollout controller; returns the command's event id once it is durably written. */
public interface OperatorCommandPublisher {

  /** Ask for a rollback of {@code target} (trigger MANUAL_ABORT). */
  String abort(DeploymentView target, String actor, String reason);

  /** An external alert fires for {@code target}'s model and environment (trigger EXTERNAL_ALERT). */
  String alert(DeploymentView target, String actor, String alertName, String summary, Map<String, String> labels);

  /** Stop {@code target}'s step progress until resumed; {@code reason} may be null. */
  String pause(DeploymentView target, String actor, String reason);

  /** Resume a paused rollout, or complete the pause-until-resumed step it waits at. */
  String resume(DeploymentView target, String actor);

  /** Skip the remaining steps to 100 %, still stopping at gates not yet approved. */
  String promote(DeploymentView target, String actor);
}
