/**
 * Answers auditors ask of the trail, derived from the recorded events alone: who approved what,
 * when and under which policy version, and which version was live in an environment at a given time.
 */
package dev.tollgate.audit.decisions;
