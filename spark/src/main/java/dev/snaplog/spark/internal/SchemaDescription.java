package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.manifest.Json;
import dev.snaplog.manifest.SchemaJson;
import java.io.Serializable;

/**
 * A schema as tasks carry it: in the form table metadata keeps it ({@link SchemaJson}), with every field id,
 * nested ones included, and the value rows of files written before a column was added read for it, so an
 * executor rebuilds exactly the driver's schema (data files match columns by id).
 */
public final class SchemaDescription implements Serializable {
  private static final long serialVersionUID = 2L;

  private final byte[] json;
  private transient Schema schema;

  private SchemaDescription(Schema schema) {
    this.json = Json.write(SchemaJson.toJson(schema));
    this.schema = schema;
  }

  public static SchemaDescription of(Schema schema) {
    return new SchemaDescription(schema);
  }

  public Schema schema() {
    if (schema == null) {
      schema = SchemaJson.fromJson(Json.parse(json, "the schema a Spark task was sent"), "the schema a Spark task"
          + " was sent");
    }
    return schema;
  }
}
