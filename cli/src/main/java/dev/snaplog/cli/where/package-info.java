/**
 * The {@code --where} filter language: a hand-written recursive-descent parser producing expressions.
 */
package dev.snaplog.cli.where;
