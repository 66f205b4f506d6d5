/**
 * Deployments as a feature: intake of CI's requests (REST and topic), approver decisions, queries,
 * and their storage. Each command runs in one database transaction that also writes the outbox.
 */
package dev.tollgate.approval.deployment;
