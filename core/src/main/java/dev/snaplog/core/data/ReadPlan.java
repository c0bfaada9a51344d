package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Which columns of one file to read and where their values go. Columns are matched by field id, so a column
 * renamed after the file was written is still found; a file written without ids (by another tool) is matched
 * by name. Columns the file lacks (added to the table later) read as null.
 */
final class ReadPlan {
  final MessageType requested;
  final int[] positions;
  final Type[] types;
  final PrimitiveTypeName[] physical;
  /** Read columns present in the file, by their path in the file; used to decode row-group stats. */
  final Map<ColumnPath, Field> fieldsByPath;
  /** Ids of read columns the file does not have. */
  final Set<Integer> missingIds;

  private ReadPlan(MessageType requested, int[] positions, Type[] types, PrimitiveTypeName[] physical,
      Map<ColumnPath, Field> fieldsByPath, Set<Integer> missingIds) {
    this.requested = requested;
    this.positions = positions;
    this.types = types;
    this.physical = physical;
    this.fieldsByPath = fieldsByPath;
    this.missingIds = missingIds;
  }

  /**
   * @throws CorruptTableException if a column of the file has the field's id but cannot hold its type
   */
  static ReadPlan of(MessageType fileSchema, Schema readSchema, String location) {
    boolean byId = fileSchema.getFields().stream().anyMatch(t -> t.getId() != null);
    Map<Object, org.apache.parquet.schema.Type> fileColumns = new HashMap<>();
    for (org.apache.parquet.schema.Type t : fileSchema.getFields()) {
      if (byId && t.getId() != null) {
        fileColumns.put(t.getId().intValue(), t);
      } else if (!byId) {
        fileColumns.put(t.getName(), t);
      }
    }
    List<org.apache.parquet.schema.Type> columns = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    Map<ColumnPath, Field> byPath = new HashMap<>();
    Set<Integer> missing = new HashSet<>();
    List<Field> fields = readSchema.fields();
    for (int pos = 0; pos < fields.size(); pos++) {
      Field f = fields.get(pos);
      org.apache.parquet.schema.Type col = fileColumns.get(byId ? (Object) f.id() : f.name());
      if (col == null) {
        if (f.required()) {
          throw new CorruptTableException("Data file " + location + " has no column for required column '"
              + f.name() + "' (field id " + f.id() + ")", null, null, null);
        }
        missing.add(f.id());
        continue;
      }
      if (!col.isPrimitive() || !ParquetTypes.readableAs(col.asPrimitiveType(), f)) {
        throw new CorruptTableException("Data file " + location + " stores column '" + f.name() + "' (field id "
            + f.id() + ") as " + col + ", which cannot be read as " + f.type(), null, null, null);
      }
      columns.add(col);
      positions.add(pos);
      byPath.put(ColumnPath.get(col.getName()), f);
    }
    int n = columns.size();
    int[] pos = new int[n];
    Type[] types = new Type[n];
    PrimitiveTypeName[] physical = new PrimitiveTypeName[n];
    for (int i = 0; i < n; i++) {
      pos[i] = positions.get(i);
      types[i] = fields.get(pos[i]).type();
      physical[i] = ((PrimitiveType) columns.get(i)).getPrimitiveTypeName();
    }
    MessageType requested = new MessageType(fileSchema.getName(), columns);
    return new ReadPlan(requested, pos, types, physical, byPath, missing);
  }
}
