package dev.tollgate.security;

/** The roles Tollgate's services grant access by; a credential carries any of them. */
public final class Roles {

  /** A CI pipeline: requests deployments and withdraws its own requests. */
  public static final String CI = "ci";
  /** Approves or rejects deployments and stage gates. */
  public static final String APPROVER = "approver";
  /** Runs rollouts: aborts them, comments on deployments. */
  public static final String OPERATOR = "operator";
  /** Reads the audit trail. */
  public static final String AUDITOR = "auditor";
  /** May do what any other role does, and break the glass during a freeze. */
  public static final String ADMIN = "admin";
  /** Alertmanager's webhook credential: may only post alerts. */
  public static final String ALERTMANAGER = "alertmanager";

  private Roles() {}
}
