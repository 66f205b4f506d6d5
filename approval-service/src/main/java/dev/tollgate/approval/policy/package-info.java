/**
 * Approval policies: who may approve a deployment in an environment and when enough of them have.
 * Plain Java; answers with values ({@link dev.tollgate.approval.policy.PolicyEvaluation}) rather
 * than exceptions, so callers can show every rule's result to a person.
 */
package dev.tollgate.approval.policy;
