/** What every REST endpoint of the service shares: RFC 9457 problem details for errors. */
package dev.tollgate.audit.api;
