package dev.snaplog.manifest;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.Field;
import dev.snaplog.core.FileContent;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.WriteOptions;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Checkpoint parts as Parquet files: one row per data file entry, its stats as typed columns ({@code nulls_k},
 * {@code min_k}, {@code max_k} for the table column of id {@code k}), written and read with Snaplog's own
 * Parquet code. A cold reader decodes typed column values instead of parsing JSON text per entry, and
 * locations and repeated values (format, content kind) compress column-wise.
 *
 * <p>Bounds that no typed column can hold (stats of nested columns, or values an older writer stored that
 * today's input checks refuse) go to one JSON text column, {@code other_stats}, in the form log records use;
 * partition values are JSON text in {@code partition}. Both are null for most entries, so they cost nothing
 * there. Every row repeats the part's format version and schema id (run-length encoded, a few bytes).
 */
final class CheckpointPartParquet {
  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
  /** Column types whose bounds get typed columns: the primitive ones. */
  private static final Set<TypeId> TYPED = EnumSet.of(TypeId.BOOLEAN, TypeId.INT, TypeId.LONG, TypeId.FLOAT,
      TypeId.DOUBLE, TypeId.DECIMAL, TypeId.STRING, TypeId.BINARY, TypeId.DATE, TypeId.TIME, TypeId.TIMESTAMP,
      TypeId.TIMESTAMPTZ, TypeId.UUID);

  private static final Field FORMAT_VERSION = Field.required(1, "format_version", Type.INT);
  private static final Field SCHEMA_ID = Field.required(2, "schema_id", Type.INT);
  private static final Field LOCATION = Field.required(3, "location", Type.STRING);
  private static final Field FORMAT = Field.required(4, "format", Type.STRING);
  private static final Field RECORDS = Field.required(5, "records", Type.LONG);
  private static final Field BYTES = Field.required(6, "bytes", Type.LONG);
  private static final Field CONTENT = Field.required(7, "content", Type.STRING);
  private static final Field SPEC_ID = Field.required(8, "spec_id", Type.INT);
  private static final Field SEQUENCE = Field.required(9, "data_sequence_number", Type.LONG);
  private static final Field DV_LOCATION = Field.optional(10, "dv_location", Type.STRING);
  private static final Field DV_OFFSET = Field.optional(11, "dv_offset", Type.LONG);
  private static final Field DV_LENGTH = Field.optional(12, "dv_length", Type.LONG);
  private static final Field DV_DELETED = Field.optional(13, "dv_deleted", Type.LONG);
  private static final Field PARTITION = Field.optional(14, "partition", Type.STRING);
  private static final Field OTHER_STATS = Field.optional(15, "other_stats", Type.STRING);
  private static final List<Field> FIXED = List.of(FORMAT_VERSION, SCHEMA_ID, LOCATION, FORMAT, RECORDS, BYTES,
      CONTENT, SPEC_ID, SEQUENCE, DV_LOCATION, DV_OFFSET, DV_LENGTH, DV_DELETED, PARTITION, OTHER_STATS);
  /** Stats columns of table column {@code k} have ids {@code STATS_BASE + 3k} and the two after it. */
  private static final int STATS_BASE = 100;

  private CheckpointPartParquet() {}

  /** Whether {@code bytes} are a Parquet part (older parts are gzip-compressed JSON). */
  static boolean isParquet(byte[] bytes) {
    if (bytes.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Encodes {@code files} (of {@code schema}'s table) as a Parquet part to be stored at {@code location}.
   * Stats of columns {@code schema} does not hold are dropped, as in every other log object.
   */
  static byte[] write(List<DataFile> files, Schema schema, Map<Integer, Type> partitionTypes, TableLocations loc,
      String location) {
    Map<Integer, Field> typed = new TreeMap<>();
    for (DataFile f : files) {
      for (Integer id : f.columnStats().keySet()) {
        if (!typed.containsKey(id)) {
          typedColumn(schema, id).ifPresent(field -> typed.put(id, field));
        }
      }
    }
    Schema layout = layout(typed.values());
    InMemoryFiles.Output out = InMemoryFiles.output(location);
    try (DataWriter writer = ParquetFormat.newWriter(out, layout, location, WriteOptions.defaults())) {
      for (DataFile f : files) {
        try {
          writer.write(GenericRecord.wrap(layout, row(f, schema, partitionTypes, typed, layout, loc, true)));
        } catch (ValidationException refused) {
          // a bound the writer's checks refuse (stored by an older writer): keep it as text instead
          writer.write(GenericRecord.wrap(layout, row(f, schema, partitionTypes, typed, layout, loc, false)));
        }
      }
      writer.complete();
    }
    return out.bytes();
  }

  private static Object[] row(DataFile f, Schema schema, Map<Integer, Type> partitionTypes,
      Map<Integer, Field> typed, Schema layout,
      TableLocations loc, boolean typedBounds) {
    Object[] row = new Object[layout.size()];
    row[0] = FormatVersions.CHECKPOINT;
    row[1] = schema.schemaId();
    row[2] = loc.relativize(f.location());
    row[3] = f.format();
    row[4] = f.recordCount();
    row[5] = f.fileSizeBytes();
    row[6] = f.content().id();
    row[7] = f.specId();
    row[8] = f.dataSequenceNumber();
    f.deletionVector().ifPresent(dv -> {
      row[9] = loc.relativize(dv.location());
      row[10] = dv.offset();
      row[11] = dv.length();
      row[12] = dv.deletedCount();
    });
    if (!f.partition().isEmpty()) {
      row[13] = Json.text(DataFileJson.valuesToJson(f.partition(), partitionTypes));
    }
    Map<Integer, ColumnStats> other = new HashMap<>();
    int pos = FIXED.size();
    for (Map.Entry<Integer, Field> e : typed.entrySet()) {
      ColumnStats s = f.columnStats().get(e.getKey());
      if (s != null && typedBounds) {
        row[pos] = s.nullCount();
        row[pos + 1] = s.min().orElse(null);
        row[pos + 2] = s.max().orElse(null);
      } else if (s != null) {
        other.put(e.getKey(), s);
      }
      pos += 3;
    }
    f.columnStats().forEach((id, s) -> {
      if (!typed.containsKey(id)) {
        other.put(id, s);
      }
    });
    if (!other.isEmpty()) {
      row[14] = Json.text(DataFileJson.statsToJson(other, schema));
    }
    return row;
  }

  /**
   * Decodes a Parquet part read from {@code location}. Its format version and schema id are read first (two
   * small columns), so the stats columns are read as the types of the schema the part was written with, as
   * the JSON form does, whatever promotions the table's columns went through since.
   */
  static List<DataFile> read(byte[] bytes, String location, TableMetadata context, TableLocations loc) {
    Map<Integer, Type> partitionTypes = PartitionTypes.of(context);
    try {
      Schema header = new Schema(List.of(FORMAT_VERSION, SCHEMA_ID));
      Record first;
      try (CloseableIterable<Record> rows = ParquetFormat.read(InMemoryFiles.input(location, bytes), header, header,
          Expressions.alwaysTrue())) {
        java.util.Iterator<Record> it = rows.iterator();
        if (!it.hasNext()) {
          return List.of();
        }
        first = it.next();
      }
      int version = (Integer) first.get(0);
      if (version > FormatVersions.CHECKPOINT || version < 1) {
        throw Json.corrupt(location, "has format version " + version + "; this Snaplog reads versions up to "
            + FormatVersions.CHECKPOINT + " (upgrade Snaplog to read it)", null);
      }
      Schema schema = context.schemaById((Integer) first.get(1));
      Map<Integer, Field> typed = new TreeMap<>();
      for (Field f : schema.fields()) {
        if (TYPED.contains(f.type().id())) {
          typed.put(f.id(), f);
        }
      }
      Schema layout = layout(typed.values());
      List<DataFile> files = new ArrayList<>();
      Function<String, Map<Integer, Object>> partitions = partitionParser(partitionTypes, location);
      try (CloseableIterable<Record> rows = ParquetFormat.read(InMemoryFiles.input(location, bytes), layout, layout,
          Expressions.alwaysTrue())) {
        for (Record r : rows) {
          files.add(entry(r, schema, partitions, typed, loc, location));
        }
      }
      return files;
    } catch (CorruptTableException e) {
      throw e.getMessage().startsWith("Object " + location) ? e
          : Json.corrupt(location, "is not a readable checkpoint part: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a part's partition values, each distinct text once: a part holds many files of few partitions (a
   * table partitioned by day has one text per day), and parsing the JSON of every entry was most of what a new
   * handle spent planning such a table. The files of one partition share its map.
   */
  private static Function<String, Map<Integer, Object>> partitionParser(Map<Integer, Type> partitionTypes,
      String location) {
    Map<String, Map<Integer, Object>> parsed = new HashMap<>();
    return text -> parsed.computeIfAbsent(text, t -> DataFile.immutablePartition(
        DataFileJson.valuesFromJson(Json.parseFragment(t, location), partitionTypes, location)));
  }

  private static DataFile entry(Record r, Schema schema, Function<String, Map<Integer, Object>> partitions,
      Map<Integer, Field> typed, TableLocations loc, String location) {
    String contentId = (String) r.get(6);
    FileContent content = FileContent.fromId(contentId).orElseThrow(() -> Json.corrupt(location,
        "has a file entry of content kind '" + contentId + "', which this Snaplog does not know", null));
    long records = (Long) r.get(4);
    Optional<DeletionVectorRef> dv = Optional.empty();
    if (r.get(9) != null) {
      long deleted = (Long) r.get(12);
      if (deleted <= 0 || deleted > records) {
        throw Json.corrupt(location, "has a deletion vector of " + deleted + " rows for a file of " + records, null);
      }
      dv = Optional.of(new DeletionVectorRef(loc.resolve((String) r.get(9)), (Long) r.get(10), (Long) r.get(11),
          deleted));
    }
    Map<Integer, Object> partition = r.get(13) == null ? Map.of() : partitions.apply((String) r.get(13));
    Map<Integer, ColumnStats> stats;
    if (r.get(14) == null) { // typed columns only, the usual case: straight into the immutable map DataFile keeps
      @SuppressWarnings("unchecked")
      Map.Entry<Integer, ColumnStats>[] entries = new Map.Entry[typed.size()];
      int[] n = {0};
      typedStats(r, typed, (id, s) -> entries[n[0]++] = Map.entry(id, s));
      stats = Map.ofEntries(n[0] == entries.length ? entries : Arrays.copyOf(entries, n[0]));
    } else {
      stats = DataFileJson.statsFromJson(Json.parseFragment((String) r.get(14), location), schema, location);
      typedStats(r, typed, stats::put);
    }
    return new DataFile(loc.resolve((String) r.get(2)), (String) r.get(3), records, (Long) r.get(5), stats,
        content, (Integer) r.get(7), partition, dv, (Long) r.get(8));
  }

  /** The stats an entry holds in typed columns, by field id, handed to {@code sink}. */
  private static void typedStats(Record r, Map<Integer, Field> typed, BiConsumer<Integer, ColumnStats> sink) {
    int pos = FIXED.size();
    for (Integer id : typed.keySet()) {
      Object nulls = r.get(pos);
      if (nulls != null) {
        sink.accept(id, new ColumnStats((Long) nulls, r.get(pos + 1), r.get(pos + 2)));
      }
      pos += 3;
    }
  }

  /** The column of {@code id} in {@code schema} when its stats fit a typed column. */
  private static Optional<Field> typedColumn(Schema schema, int id) {
    return schema.fields().stream().filter(f -> f.id() == id && TYPED.contains(f.type().id())).findFirst();
  }

  private static Schema layout(Iterable<Field> typed) {
    List<Field> fields = new ArrayList<>(FIXED);
    for (Field f : typed) {
      int base = STATS_BASE + 3 * f.id();
      fields.add(Field.optional(base, "nulls_" + f.id(), Type.LONG));
      fields.add(Field.optional(base + 1, "min_" + f.id(), f.type()));
      fields.add(Field.optional(base + 2, "max_" + f.id(), f.type()));
    }
    return new Schema(fields);
  }
}
