/** The approver's inbox: deployments and gates awaiting a decision the caller may give. */
package dev.tollgate.approval.pending;
