package dev.tollgate.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads {@code Authorization: Bearer <token>} in static-token mode. No header: the request goes on
 * anonymous (public endpoints work, protected ones answer 401). A malformed or unknown token
 * answers 401 at once.
 */
class StaticTokenFilter extends OncePerRequestFilter {

  private static final String PREFIX = "bearer ";

  private final AuthenticationManager authentication;
  private final AuthenticationEntryPoint entryPoint;

  StaticTokenFilter(AuthenticationManager authentication, AuthenticationEntryPoint entryPoint) {
    this.authentication = authentication;
    this.entryPoint = entryPoint;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    try {
      if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.substring(PREFIX.length()).isBlank()) {
        throw new BadCredentialsException("the Authorization header must be 'Bearer <token>'");
      }
      var result = authentication.authenticate(
          TollgateAuthentication.unauthenticated(header.substring(PREFIX.length()).trim()));
      var context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(result);
      SecurityContextHolder.setContext(context);
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, e);
      return;
    }
    chain.doFilter(request, response);
  }
}
