/**
 * One class per {@code snaplog} subcommand.
 */
package dev.snaplog.cli.commands;
