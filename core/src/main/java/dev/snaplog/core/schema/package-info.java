/**
 * Schema evolution by field id: {@link dev.snaplog.core.schema.SchemaUpdate} turns a table's schema into the
 * next one (add, rename, drop, reorder, widen, make optional; top level and nested) without any I/O, refusing
 * changes that would leave existing data files unreadable.
 */
package dev.snaplog.core.schema;
