/**
 * The {@code snaplog} command line: the picocli root command, global options, exit codes and error handling.
 * It uses only the public API of core and catalog.
 */
package dev.snaplog.cli;
