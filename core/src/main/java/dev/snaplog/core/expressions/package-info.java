/**
 * Row filters: built by column name with {@link dev.snaplog.core.expressions.Expressions}, bound to a schema,
 * then evaluated exactly on rows or conservatively on column stats to skip files and row groups.
 */
package dev.snaplog.core.expressions;
