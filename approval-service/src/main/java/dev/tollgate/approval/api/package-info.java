/** HTTP concerns shared by every endpoint: RFC 9457 problem details and their catalog. */
package dev.tollgate.approval.api;
