/**
 * The handoff record of a model version, generated from the audit trail: the trail's decoded events
 * are read ({@link dev.tollgate.audit.handoff.HandoffRepository}), folded into the plain-Java
 * document ({@link dev.tollgate.audit.handoff.HandoffAssembler}) and served as Markdown
 * ({@link dev.tollgate.audit.handoff.HandoffController}).
 */
package dev.tollgate.audit.handoff;
