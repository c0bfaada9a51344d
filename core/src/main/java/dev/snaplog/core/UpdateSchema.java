package dev.snaplog.core;

import dev.snaplog.core.types.Type;

/**
 * A change to a table's schema, built from the operations below and committed as one new schema. Columns
 * are named as they are at that point of the change (after earlier renames in the same change); fields of
 * structs by dotted name ({@code address.city}), the struct inside a list by {@code events.element}. Every
 * change keeps existing data files readable as they are: columns are matched by id, so nothing is rewritten.
 *
 * <p>Each operation checks itself at once and throws {@link dev.snaplog.core.exceptions.ValidationException}
 * naming the problem; nothing is committed until {@link #commit()}, and a refused operation leaves the
 * change as it was. A concurrent schema change makes the commit fail with
 * {@link dev.snaplog.core.exceptions.CommitConflictException}.
 */
public interface UpdateSchema extends PendingUpdate<Schema> {
  /**
   * Adds an optional column. A dotted name adds a field to a struct ({@code address.country}); the new field
   * and every field nested in its type get new ids. Rows written before read it as null.
   */
  UpdateSchema addColumn(String name, Type type);

  /**
   * Adds a required column; rows written before read it as {@code defaultValue}.
   *
   * @param defaultValue a value of {@code type} (or its text form); required: existing rows need a value
   */
  UpdateSchema addRequiredColumn(String name, Type type, Object defaultValue);

  /** Renames a column or struct field; its id, and so its data, stay. */
  UpdateSchema renameColumn(String name, String newName);

  /** Drops a column or struct field; its data stays in old files, unread. */
  UpdateSchema deleteColumn(String name);

  /** Widens a column's type: int to long, float to double, decimal to more digits (same scale), date to timestamp. */
  UpdateSchema updateColumn(String name, Type newType);

  /** Lets a required column hold null from now on. */
  UpdateSchema makeColumnOptional(String name);

  /** Moves a column to the first place among its siblings. */
  UpdateSchema moveFirst(String name);

  /** Moves a column to just after {@code afterName}, which must be a sibling (same struct). */
  UpdateSchema moveAfter(String name, String afterName);

  /** Moves a column to just before {@code beforeName}, which must be a sibling (same struct). */
  UpdateSchema moveBefore(String name, String beforeName);
}
