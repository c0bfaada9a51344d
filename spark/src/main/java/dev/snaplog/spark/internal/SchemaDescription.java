package dev.snaplog.spark.internal;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema as tasks carry it: every column with its field id, name, type name, whether it is required and the
 * value rows of files written before it was added read for it, so an executor rebuilds exactly the driver's
 * schema (ids included, which data files match columns by).
 */
public final class SchemaDescription implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int schemaId;
  private final int[] ids;
  private final String[] names;
  private final String[] types;
  private final boolean[] required;
  /** Each column's initial default in its text form ({@link Literals#toText}), or null. */
  private final String[] defaults;
  private transient Schema schema;

  private SchemaDescription(Schema schema) {
    this.schemaId = schema.schemaId();
    int n = schema.size();
    this.ids = new int[n];
    this.names = new String[n];
    this.types = new String[n];
    this.required = new boolean[n];
    this.defaults = new String[n];
    for (int i = 0; i < n; i++) {
      Field f = schema.fields().get(i);
      ids[i] = f.id();
      names[i] = f.name();
      types[i] = f.type().toString();
      required[i] = f.required();
      defaults[i] = Literals.toText(f.type(), f.initialDefault());
    }
    this.schema = schema;
  }

  public static SchemaDescription of(Schema schema) {
    return new SchemaDescription(schema);
  }

  public Schema schema() {
    if (schema == null) {
      List<Field> fields = new ArrayList<>(ids.length);
      for (int i = 0; i < ids.length; i++) {
        Type type = Type.parse(types[i]);
        Object initialDefault = defaults[i] == null ? null : Literals.fromText(type, defaults[i]);
        fields.add(new Field(ids[i], names[i], type, required[i], initialDefault));
      }
      schema = new Schema(schemaId, fields);
    }
    return schema;
  }
}
