/** Unreadable input records go to rollout-service's dead-letter topic; processing goes on. */
package dev.tollgate.rollout.deadletter;
