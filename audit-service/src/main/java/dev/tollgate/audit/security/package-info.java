/**
 * audit-service's access rules on the shared {@code service-security} module: every
 * {@code /api/v1} endpoint needs role {@code auditor} or {@code admin}; health, metrics and the API
 * docs are public; 401 and 403 are problem details.
 */
package dev.tollgate.audit.security;
