/**
 * The service's clock, and for end-to-end tests of expiry a clock admins can move forward
 * ({@code tollgate.dev.clock-control.enabled}, the local stack's {@code --test-clock}).
 */
package dev.tollgate.approval.clock;
