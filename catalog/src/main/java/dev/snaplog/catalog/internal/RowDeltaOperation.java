package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.Record;
import dev.snaplog.core.RowDelta;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/** Adds files and deletes rows by position in one commit; see {@link RowDelta}. */
final class RowDeltaOperation extends RowChangingUpdate<RowDelta> implements RowDelta {
  private final Map<String, RoaringBitmap> positions = new LinkedHashMap<>();

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
  protected boolean deletesRows() {
    return super.deletesRows() || positions.values().stream().anyMatch(b -> !b.isEmpty());
  }

  @Override
  protected FileChanges rowDeletes(SnapshotState target, boolean copyOnWrite, boolean dryRun,
      Set<String> rewritten) {
    return rowDeletes.deletePositions(target, positions, copyOnWrite, dryRun, this::ownObject, rewritten);
  }
}
