/**
 * Who is calling: static bearer tokens from {@code tollgate.security.tokens} (a dev and small-team
 * setup) resolved to a {@link dev.tollgate.approval.security.TollgateUser} with roles and groups.
 * A JWT resource server can replace the token source by configuration later: everything past
 * authentication sees only TollgateUser.
 */
package dev.tollgate.approval.security;
