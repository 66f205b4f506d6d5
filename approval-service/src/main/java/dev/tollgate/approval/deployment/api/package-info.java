/**
 * The deployments REST API: request bodies (validated), views, and the JSON forms of strategies,
 * profiles and sources that the environment configuration shares.
 */
package dev.tollgate.approval.deployment.api;
