/** Query REST API over the deployment state; DTO records, RFC 9457 problems. */
package dev.tollgate.rollout.api;
