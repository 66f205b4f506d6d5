/**
 * Signed checkpoints of the hash chains: the trail's Ed25519 key (from PEM files, or generated
 * once for local development and kept in the database), the periodic signer that verifies what
 * was appended since a chain's last checkpoint before signing its new head, the outbox publisher
 * to the audit-checkpoint topic, and the public-key endpoint.
 */
package dev.tollgate.audit.checkpoint;
