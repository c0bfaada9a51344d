package dev.snaplog.catalog.internal;

import dev.snaplog.core.data.SortingWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the rows given to a writer went: for each row, by the order it was written (its ordinal), the file
 * and the position in that file. Compaction uses it to carry rows deleted meanwhile over to its new files,
 * which a sort order may have reordered. Holds two ints a row, or nothing when rows streamed into one file in
 * the order written.
 */
final class RowPlacement {
  private final List<String> locations = new ArrayList<>();
  private final int[] fileOf;
  private final int[] positionOf;

  private RowPlacement(int[] fileOf, int[] positionOf) {
    this.fileOf = fileOf;
    this.positionOf = positionOf;
  }

  /** Rows written, in order, into the one file at {@code location}: a row's position is its ordinal. */
  static RowPlacement streamed(String location) {
    RowPlacement out = new RowPlacement(null, null);
    out.locations.add(location);
    return out;
  }

  /**
   * @param rows how many rows were written; every ordinal below it must be in exactly one file
   * @throws IllegalStateException if the files do not account for every row once
   */
  static RowPlacement of(List<SortingWriter.SortedFile> files, long rows) {
    int n = Math.toIntExact(rows);
    RowPlacement out = new RowPlacement(new int[n], new int[n]);
    java.util.Arrays.fill(out.fileOf, -1);
    for (SortingWriter.SortedFile f : files) {
      int index = out.locations.size();
      out.locations.add(f.file().location());
      long[] ordinals = f.ordinals();
      for (int p = 0; p < ordinals.length; p++) {
        int ordinal = Math.toIntExact(ordinals[p]);
        if (out.fileOf[ordinal] != -1) {
          throw new IllegalStateException("row " + ordinal + " was written to two files");
        }
        out.fileOf[ordinal] = index;
        out.positionOf[ordinal] = p;
      }
    }
    for (int i = 0; i < out.fileOf.length; i++) {
      if (out.fileOf[i] == -1) {
        throw new IllegalStateException("row " + i + " of " + rows + " was written to no file");
      }
    }
    return out;
  }

  /** The location of the file the row with this ordinal went to. */
  String location(long ordinal) {
    return fileOf == null ? locations.get(0) : locations.get(fileOf[Math.toIntExact(ordinal)]);
  }

  /** The row's position in that file. */
  int position(long ordinal) {
    return fileOf == null ? Math.toIntExact(ordinal) : positionOf[Math.toIntExact(ordinal)];
  }
}
