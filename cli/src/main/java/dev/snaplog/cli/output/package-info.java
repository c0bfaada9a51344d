/**
 * Rendering of command results as an aligned table, JSON or CSV.
 */
package dev.snaplog.cli.output;
