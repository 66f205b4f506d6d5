/**
 * approval-service's access rules (which role may call which endpoint) on the shared
 * {@code service-security} module, and the mapping of the authenticated
 * {@link dev.tollgate.security.TollgateUser} to the policies' {@link dev.tollgate.approval.policy.Actor}.
 */
package dev.tollgate.approval.security;
