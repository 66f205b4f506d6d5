/** REST for stage gates: list them, approve or reject them. */
package dev.tollgate.approval.gate.api;
