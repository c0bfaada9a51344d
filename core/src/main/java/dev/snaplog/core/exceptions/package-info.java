/**
 * Typed errors. {@link dev.snaplog.core.exceptions.SnaplogException} is the unchecked root; each subtype says
 * what the caller should do next (retry, fix the input, never clean up).
 */
package dev.snaplog.core.exceptions;
