package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.Record;
import dev.snaplog.core.RowDelta;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/** Adds files and deletes rows by position in one commit; see {@link RowDelta}. */
final class RowDeltaOperation extends RowChangingUpdate<RowDelta> implements RowDelta {
  private final Map<String, RoaringBitmap> positions = new LinkedHashMap<>();
  private boolean noConcurrentDeletes;
  private Expression conflictDetection = Expressions.alwaysFalse();

  RowDeltaOperation(TableOperations ops, BaseTable table) {
    super(ops, table);
  }

  @Override
  protected RowDelta self() {
    return this;
  }

  @Override
  protected String operation() {
    return "row-delta";
  }

  @Override
  public RowDelta addFile(DataFile file) {
    addDataFile(file);
    return this;
  }

  @Override
  public RowDelta addRecords(Iterable<? extends Record> records) {
    writeRecords(records);
    return this;
  }

  @Override
  public RowDelta deleteRows(String dataFileLocation, long... rows) {
    RoaringBitmap bitmap = positions.computeIfAbsent(dataFileLocation, k -> new RoaringBitmap());
    for (long p : rows) {
      ValidationException.check(p >= 0 && p <= Integer.MAX_VALUE, "Table %s: row position %s of data file %s is"
          + " out of range; positions start at 0 and stay below 2^31", ops.id(), p, dataFileLocation);
      bitmap.add((int) p);
    }
    return this;
  }

  @Override
  public RowDelta validateNoConcurrentDeletes() {
    noConcurrentDeletes = true;
    return this;
  }

  @Override
  public RowDelta conflictDetectionFilter(Expression filter) {
    Expressions.bind(filter, ops.current().metadata().schema()); // fail now, naming the column
    conflictDetection = Expressions.or(conflictDetection, filter);
    return this;
  }

  @Override
  protected Expression conflictFilter(Schema schema) {
    return Expressions.or(super.conflictFilter(schema), Expressions.bind(conflictDetection, schema));
  }

  @Override
  protected ConflictValidator validator(TableState read, FileChanges changes, IsolationLevel level) {
    ConflictValidator rules = super.validator(read, changes, level);
    if (!noConcurrentDeletes) {
      return rules;
    }
    return commit -> {
      rules.validate(commit);
      if (!commit.changes(branch())) {
        return;
      }
      for (String restated : commit.removed()) {
        if (positions.containsKey(restated)) {
          throw new CommitConflictException("Table " + ops.id() + ": version " + commit.version() + " deleted rows"
              + " of data file " + restated + ", whose rows this change deletes and writes back changed; it landed"
              + " after version " + read.version() + ", which this change read. Nothing was committed; run the"
              + " change again against the new state", ops.id().toString(), read.version(), commit.version(),
              restated);
        }
      }
    };
  }

  @Override
  protected boolean deletesRows() {
    return super.deletesRows() || positions.values().stream().anyMatch(b -> !b.isEmpty());
  }

  @Override
  protected FileChanges rowDeletes(SnapshotState target, boolean copyOnWrite, boolean dryRun,
      Set<String> rewritten) {
    return rowDeletes.deletePositions(target, positions, copyOnWrite, dryRun, this::ownObject, rewritten);
  }
}
