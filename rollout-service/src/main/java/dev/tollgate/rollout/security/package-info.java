/**
 * rollout-service's access rules on the shared {@code service-security} module: state reads are
 * public, deployment commands need role operator or admin, the Alertmanager webhook role
 * alertmanager (or admin).
 */
package dev.tollgate.rollout.security;
