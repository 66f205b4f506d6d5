/** The records the trail could not take as events, listed so the gaps are visible to auditors. */
package dev.tollgate.audit.unreadable;
