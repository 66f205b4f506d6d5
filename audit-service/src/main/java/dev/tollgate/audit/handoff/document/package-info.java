/**
 * The handoff record of a model version as plain Java: what it is, how it was approved and rolled
 * out, what is live, and how to roll back ({@link dev.tollgate.audit.handoff.document.HandoffRecord}),
 * and its Markdown rendering ({@link dev.tollgate.audit.handoff.document.HandoffMarkdown}). No Spring,
 * JDBC or JSON here: the adapter in {@code dev.tollgate.audit.handoff} fills the record from the trail.
 */
package dev.tollgate.audit.handoff.document;
