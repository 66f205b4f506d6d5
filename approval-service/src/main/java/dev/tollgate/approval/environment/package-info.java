/** The configured environments: their approval policies and default strategies (tollgate.policies). */
package dev.tollgate.approval.environment;
