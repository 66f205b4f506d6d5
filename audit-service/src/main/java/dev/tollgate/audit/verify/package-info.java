/** Verification of the stored hash chains against their recorded heads. */
package dev.tollgate.audit.verify;
