/**
 * CI's requests read straight from the deployment-requests topic: the same intake as REST,
 * unreadable or invalid records dead-lettered, offsets committed after the database transaction.
 */
package dev.tollgate.approval.deployment.intake;
