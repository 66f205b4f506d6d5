/** The auditor's read side of the trail: timelines of a deployment and of a model version. */
package dev.tollgate.audit.trail;
