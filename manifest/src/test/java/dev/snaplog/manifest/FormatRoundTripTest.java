package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every format object survives write → read unchanged, and damaged objects are reported precisely. */
class FormatRoundTripTest {
  static final Schema ALL_TYPES = new Schema(3, List.of(
      Field.required(1, "b", Type.BOOLEAN), Field.optional(2, "i", Type.INT), Field.required(3, "l", Type.LONG),
      Field.optional(4, "f", Type.FLOAT), Field.optional(5, "d", Type.DOUBLE),
      Field.optional(6, "dec", Type.decimal(38, 9)), Field.optional(7, "s", Type.STRING),
      Field.optional(8, "bin", Type.BINARY), Field.optional(9, "date", Type.DATE),
      Field.optional(10, "time", Type.TIME), Field.optional(11, "ts", Type.TIMESTAMP),
      Field.optional(12, "tstz", Type.TIMESTAMPTZ), Field.optional(13, "u", Type.UUID)));

  private final LocalObjectStore store = new LocalObjectStore();
  private final TableLocations loc = new TableLocations(store, "/wh/db/t");

  @Test
  void schemaWithEveryTypeRoundTrips() {
    assertThat(SchemaJson.fromJson(SchemaJson.toJson(ALL_TYPES), "x")).isEqualTo(ALL_TYPES);
    assertThat(Schema.parse(ALL_TYPES.toString()).fields()).isEqualTo(ALL_TYPES.fields());
  }

  static DataFile fileWithStatsOfEveryType(String location) {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    stats.put(1, new ColumnStats(0, false, true));
    stats.put(2, new ColumnStats(1, -5, 7));
    stats.put(3, new ColumnStats(0, Long.MIN_VALUE, Long.MAX_VALUE));
    stats.put(4, new ColumnStats(0, -1.5f, 2.25f));
    stats.put(5, new ColumnStats(0, -0.1, 1e300));
    stats.put(6, new ColumnStats(0, new BigDecimal("-1.000000001"), new BigDecimal("12345678901234567890.123456789")));
    stats.put(7, new ColumnStats(2, "a\"b", "zé\u00e9"));
    stats.put(8, new ColumnStats(0, ByteBuffer.wrap(new byte[] {0, 1}), ByteBuffer.wrap(new byte[] {(byte) 255})));
    stats.put(9, new ColumnStats(0, LocalDate.of(1970, 1, 1), LocalDate.of(2026, 11, 25)));
    stats.put(10, new ColumnStats(0, LocalTime.of(0, 0), LocalTime.of(23, 59, 59, 999_999_000)));
    stats.put(11, new ColumnStats(0, LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2030, 1, 1, 1, 1, 1, 1000)));
    stats.put(12, new ColumnStats(0, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00.000001Z")));
    stats.put(13, new ColumnStats(5, null, null));
    return new DataFile(location, "parquet", 42, 4096, stats);
  }

  @Test
  void logRecordAndCheckpointRoundTripWithStatsOfEveryType() {
    DataFile inTable = fileWithStatsOfEveryType("/wh/db/t/data/a.parquet");
    DataFile outside = fileWithStatsOfEveryType("/elsewhere/b.parquet");
    LogRecord record = new LogRecord("c-1", 3, List.of(inTable, outside), List.of("/wh/db/t/data/old.parquet"));
    byte[] bytes = LogRecordJson.toBytes(record, ALL_TYPES, loc);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"data/a.parquet\"")
        .contains("\"/elsewhere/b.parquet\"");
    assertThat(LogRecordJson.fromBytes(bytes, "x", id -> ALL_TYPES, loc)).isEqualTo(record);

    List<DataFile> files = List.of(inTable, outside);
    assertThat(LogRecordJson.partFromBytes(LogRecordJson.partToBytes(files, ALL_TYPES, loc), "x", id -> ALL_TYPES,
        loc)).isEqualTo(files);
    CheckpointPart part = new CheckpointPart("/wh/db/t/checkpoints/part-1.json", 2, 84,
        StatsUnion.of(files, ALL_TYPES));
    assertThat(part.stats().get(3)).isEqualTo(new ColumnStats(0, Long.MIN_VALUE, Long.MAX_VALUE));
    Checkpoint checkpoint = new Checkpoint(17, 3, List.of(part));
    assertThat(LogRecordJson.checkpointFromBytes(LogRecordJson.checkpointToBytes(checkpoint, ALL_TYPES, loc), "x",
        id -> ALL_TYPES, loc)).isEqualTo(checkpoint);
  }

  static TableMetadata metadata() {
    Snapshot snap = new Snapshot(99, Optional.of(98L), 7, 1_700_000_000_000L, "append", "c-7", 3,
        Map.of(Snapshot.ADDED_FILES, "1", "job", "etl"));
    return TableMetadata.builder().tableUuid(UUID.randomUUID().toString()).version(7)
        .lastUpdatedMillis(1_700_000_000_000L).commitId("c-7").operation("append")
        .schemas(List.of(ALL_TYPES), 3).properties(Map.of("checkpoint.interval", "5"))
        .currentSnapshot(snap).parentMetadata("/wh/db/t/metadata/6.json").logRecord("/wh/db/t/log/x.json")
        .fileSet(new FileSetState(Optional.of("/wh/db/t/checkpoints/5.json"), List.of("/wh/db/t/log/x.json")))
        .writer("ingest", new WriterMark(12, 99)).tags(Map.of("v1.0", 99L)).build();
  }

  @Test
  void metadataAndPointerRoundTrip() {
    TableMetadata m = metadata();
    assertThat(TableMetadataJson.fromBytes(TableMetadataJson.toBytes(m, loc), "x", loc)).isEqualTo(m);
    TableMetadata first = m.toBuilder().version(0).currentSnapshot(null).parentMetadata(null).logRecord(null)
        .fileSet(FileSetState.EMPTY).writers(Map.of()).build();
    assertThat(TableMetadataJson.fromBytes(TableMetadataJson.toBytes(first, loc), "x", loc)).isEqualTo(first);
    PointerFile p = new PointerFile(7, "/wh/db/t/metadata/7.json", Optional.empty());
    assertThat(PointerFile.fromBytes(p.toBytes(loc), loc)).isEqualTo(p);
    PointerFile hinted = new PointerFile(7, "/wh/db/t/metadata/7.json", Optional.of("/wh/db/t/history/root-7.json"));
    assertThat(new String(hinted.toBytes(loc), StandardCharsets.UTF_8))
        .contains("\"history-root\":\"history/root-7.json\"");
    assertThat(PointerFile.fromBytes(hinted.toBytes(loc), loc)).isEqualTo(hinted);
    // a pointer of the format before the hint, as every earlier writer stored it
    byte[] older = "{\"format-version\":1,\"version\":7,\"metadata\":\"metadata/7.json\"}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(PointerFile.fromBytes(older, loc)).isEqualTo(p);
  }

  @Test
  void sortOrdersRoundTripAndADamagedOneIsRefused() throws Exception {
    dev.snaplog.core.SortOrder order = new dev.snaplog.core.SortOrder(2, List.of(
        new dev.snaplog.core.SortOrder.Field(1, dev.snaplog.core.SortOrder.Direction.DESC,
            dev.snaplog.core.SortOrder.NullOrder.NULLS_FIRST),
        new dev.snaplog.core.SortOrder.Field(2, dev.snaplog.core.SortOrder.Direction.ASC,
            dev.snaplog.core.SortOrder.NullOrder.NULLS_LAST)));
    TableMetadata m = metadata().toBuilder().sortOrders(List.of(dev.snaplog.core.SortOrder.UNSORTED, order), 2)
        .build();
    byte[] bytes = TableMetadataJson.toBytes(m, loc);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"default-sort-order-id\":2")
        .contains("{\"source-id\":1,\"transform\":\"identity\",\"direction\":\"desc\",\"null-order\":\"nulls-first\"}");
    TableMetadata read = TableMetadataJson.fromBytes(bytes, "x", loc);
    assertThat(read).isEqualTo(m);
    assertThat(read.sortOrder()).isEqualTo(order);

    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(bytes);
    n.put("default-sort-order-id", 5);
    assertThatThrownBy(() -> TableMetadataJson.fromBytes(Json.write(n), "m.json", loc))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("sort order 5");
    n.put("default-sort-order-id", 2);
    ((ObjectNode) n.get("sort-orders").get(1).get("fields").get(0)).put("transform", "bucket[4]");
    assertThatThrownBy(() -> TableMetadataJson.fromBytes(Json.write(n), "m.json", loc))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("bucket[4]");
    n.remove("sort-orders");
    n.remove("default-sort-order-id");
    assertThat(TableMetadataJson.fromBytes(Json.write(n), "m.json", loc).sortOrder())
        .isEqualTo(dev.snaplog.core.SortOrder.UNSORTED); // as version-4 metadata reads
  }

  @Test
  void unknownMetadataFieldsFromANewerWriterAreCarriedForward() throws Exception {
    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(TableMetadataJson.toBytes(metadata(), loc));
    n.set("future-feature", TextNode.valueOf("on"));
    TableMetadata read = TableMetadataJson.fromBytes(Json.write(n), "x", loc);
    assertThat(read.extras()).containsKey("future-feature");
    TableMetadata next = read.toBuilder().version(8).build();
    assertThat(new String(TableMetadataJson.toBytes(next, loc), StandardCharsets.UTF_8))
        .contains("\"future-feature\":\"on\"");
  }

  @Test
  void newerFormatVersionsAndDamagedObjectsAreRefusedWithTheReason() throws Exception {
    ObjectNode n = (ObjectNode) Json.MAPPER.readTree(TableMetadataJson.toBytes(metadata(), loc));
    n.put("format-version", 99);
    assertThatThrownBy(() -> TableMetadataJson.fromBytes(Json.write(n), "m.json", loc))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("m.json").hasMessageContaining("99")
        .hasMessageContaining("upgrade");
    byte[] whole = TableMetadataJson.toBytes(metadata(), loc);
    assertThatThrownBy(() -> TableMetadataJson.fromBytes(java.util.Arrays.copyOf(whole, whole.length - 10),
        "m.json", loc)).isInstanceOf(CorruptTableException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> TableMetadataJson.fromBytes(new byte[0], "m.json", loc))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("m.json");
    n.put("format-version", 1);
    n.remove("version");
    assertThatThrownBy(() -> TableMetadataJson.fromBytes(Json.write(n), "m.json", loc))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("'version'");
  }
}
