/**
 * The audit export file format ({@link dev.tollgate.audit.verifier.ExportFormat}), its writer
 * (used by audit-service) and its offline verifier ({@code java -jar tollgate-audit-verify.jar}).
 * Plain Java on the JDK alone, so an auditor runs it without the service or any library.
 */
package dev.tollgate.audit.verifier;
