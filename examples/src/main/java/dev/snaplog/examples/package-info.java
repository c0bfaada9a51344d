/**
 * Runnable programs that use only the public API, starting with {@code QuickStart}.
 */
package dev.snaplog.examples;
