/**
 * Who is calling: static bearer tokens from {@code tollgate.security.tokens} (the same format and
 * dev tokens as approval-service) resolved to a {@link dev.tollgate.audit.security.TollgateUser}.
 * Every {@code /api/v1} endpoint needs role {@code auditor} or {@code admin}; health, metrics and
 * the API docs are public. 401 and 403 are problem details.
 */
package dev.tollgate.audit.security;
