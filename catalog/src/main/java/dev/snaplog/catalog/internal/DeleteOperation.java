package dev.snaplog.catalog.internal;

import dev.snaplog.core.DeleteFiles;
import dev.snaplog.core.expressions.Expression;

/** Deletes the rows matching a filter in one commit; see {@link DeleteFiles}. */
final class DeleteOperation extends RowChangingUpdate<DeleteFiles> implements DeleteFiles {
  DeleteOperation(TableOperations ops, BaseTable table) {
    super(ops, table);
  }

  @Override
  protected DeleteFiles self() {
    return this;
  }

  @Override
  protected String operation() {
    return "delete";
  }

  @Override
  public DeleteFiles deleteWhere(Expression filter) {
    deleteRowsWhere(filter);
    return this;
  }
}
