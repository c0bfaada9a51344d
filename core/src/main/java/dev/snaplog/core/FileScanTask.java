package dev.snaplog.core;

import dev.snaplog.core.expressions.Expression;

/**
 * One data file to read for a scan, with the part of the filter the file's stats could not decide
 * ({@code residual}): rows read from the file must still be checked against it.
 */
public record FileScanTask(DataFile file, Expression residual) {}
