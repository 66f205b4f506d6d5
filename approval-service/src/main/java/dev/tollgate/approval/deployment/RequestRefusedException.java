package dev.tollgate.approval.deployment;

import dev.tollgate.approval.deployment.domain.Refusal;

/** A deployment request the environment's policy does not accept (e.g. promotion order); nothing was stored. */
public class RequestRefusedException extends RuntimeException {

  private final Refusal.PolicyRefusal refusal;

  public RequestRefusedException(Refusal.PolicyRefusal refusal) {
    super(refusal.message());
    this.refusal = refusal;
  }

  public Refusal.PolicyRefusal refusal() {
    return refusal;
  }
}
