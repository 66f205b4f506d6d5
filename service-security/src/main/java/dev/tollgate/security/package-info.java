/**
 * Who is calling, the same way in every Tollgate service: static bearer tokens from
 * {@code tollgate.security.tokens} (development and small teams) or JWTs from an identity
 * provider ({@code tollgate.security.mode=jwt}), resolved to a
 * {@link dev.tollgate.security.TollgateUser} with roles and groups. 401 and 403 are RFC 9457
 * problem details. Each service states only its own access rules, through
 * {@link dev.tollgate.security.TollgateSecurity#filterChain}.
 */
package dev.tollgate.security;
