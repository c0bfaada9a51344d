package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.Field;
import dev.snaplog.core.FileContent;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint parts in Parquet: every field of a file entry round-trips, and older JSON parts still read. */
class CheckpointPartFormatTest {
  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  private TableLocations locations() {
    return new TableLocations(store, dir.resolve("t").toString());
  }

  /** A log with nothing cached: what a new table handle sees. */
  private TableLog coldLog() {
    return new TableLog(store, locations());
  }

  /** Partition spec 2: {@code day(tstz)} (field 1000, a date) and {@code s} (field 1001, a string). */
  private static TableMetadata context() {
    dev.snaplog.core.PartitionSpec spec = new dev.snaplog.core.PartitionSpec(2, List.of(
        new dev.snaplog.core.PartitionSpec.Field(12, 1000, "tstz_day", "day"),
        new dev.snaplog.core.PartitionSpec.Field(7, 1001, "s", "identity")));
    return FormatRoundTripTest.metadata().toBuilder()
        .partitionSpecs(List.of(dev.snaplog.core.PartitionSpec.UNPARTITIONED, spec), 2).build();
  }

  /** A file entry using every field of the entry: partition values (one null), deletion vector, sequence. */
  private DataFile fullEntry(String name, int specId) {
    DataFile plain = FormatRoundTripTest.fileWithStatsOfEveryType(dir.resolve("t/data/" + name).toString());
    Map<Integer, Object> partition = new LinkedHashMap<>();
    partition.put(1000, LocalDate.of(2026, 12, 2));
    partition.put(1001, null);
    return new DataFile(plain.location(), plain.format(), plain.recordCount(), plain.fileSizeBytes(),
        plain.columnStats(), FileContent.DATA, specId, partition,
        Optional.of(new DeletionVectorRef(dir.resolve("t/dv/" + name + ".bin").toString(), 17, 230, 3)), 44);
  }

  @Test
  void boundsOfAFileWrittenBeforeAWideningAreStoredAndMergedAsTheWiderType() {
    Schema before = Schema.parse("n int, f float, d date");
    Schema after = new Schema(1, List.of(Field.optional(1, "n", Type.LONG), Field.optional(2, "f", Type.DOUBLE),
        Field.optional(3, "d", Type.TIMESTAMP)));
    TableMetadata context = FormatRoundTripTest.metadata().toBuilder().schemas(List.of(before, after), 1)
        .lastColumnId(3).build();
    DataFile old = new DataFile(dir.resolve("t/data/old.parquet").toString(), "parquet", 2, 10, Map.of(
        1, new ColumnStats(0, 7, 9), 2, new ColumnStats(0, 0.1f, 1.5f),
        3, new ColumnStats(0, LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 3))));
    Map<Integer, ColumnStats> widened = Map.of(1, new ColumnStats(0, 7L, 9L),
        2, new ColumnStats(0, (double) 0.1f, 1.5d),
        3, new ColumnStats(0, LocalDateTime.of(2026, 1, 2, 0, 0), LocalDateTime.of(2026, 1, 3, 0, 0)));

    CheckpointPart part = coldLog().writePart(List.of(old), context);
    assertThat(part.stats()).isEqualTo(widened);
    assertThat(coldLog().readPart(part.location(), context).get(0).columnStats()).isEqualTo(widened);
    // the JSON form (log records, checkpoint part unions) too: a float bound as its exact double, a date as midnight
    assertThat(DataFileJson.statsFromJson(DataFileJson.statsToJson(old.columnStats(), after), after, "test"))
        .isEqualTo(widened);
  }

  @Test
  void everyFieldOfAnEntryRoundTripsThroughAParquetPart() {
    DataFile full = fullEntry("a.parquet", 2);
    DataFile plain = FormatRoundTripTest.fileWithStatsOfEveryType("/elsewhere/b.parquet");
    DataFile noStats = new DataFile(dir.resolve("t/data/c.parquet").toString(), "parquet", 1, 10, Map.of());
    List<DataFile> files = List.of(full, plain, noStats);

    CheckpointPart part = coldLog().writePart(files, context());
    byte[] stored = store.newInputFile(part.location()).readAllBytes();
    assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    assertThat(part.fileCount()).isEqualTo(3);
    assertThat(part.recordCount()).isEqualTo(42 + 42 + 1);

    List<DataFile> read = coldLog().readPart(part.location(), context());
    assertThat(read).containsExactlyElementsOf(files);
    assertThat(read.get(0).partition()).containsEntry(1001, null)
        .containsEntry(1000, LocalDate.of(2026, 12, 2));
    assertThat(read.get(0).deletionVector()).isEqualTo(full.deletionVector());
    assertThat(read.get(0).dataSequenceNumber()).isEqualTo(44);
    assertThat(read.get(0).specId()).isEqualTo(2);
  }

  /**
   * A part's partition values are decoded once per distinct value, and the files of one partition share the
   * decoded map: a new handle planning a table partitioned by day decodes one map per day, not one per file.
   */
  @Test
  void filesOfOnePartitionShareTheirDecodedValues() {
    List<DataFile> files = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      DataFile plain = new DataFile(dir.resolve("t/data/f" + n + ".parquet").toString(), "parquet", 1, 10, Map.of());
      Map<Integer, Object> partition = new LinkedHashMap<>();
      partition.put(1000, LocalDate.of(2026, 12, 1 + n % 2));
      partition.put(1001, n < 4 ? "x" : null); // a null value: a map of its own per file
      files.add(plain.withPartition(2, partition));
    }
    CheckpointPart part = coldLog().writePart(files, context());
    List<DataFile> read = coldLog().readPart(part.location(), context());
    assertThat(read).containsExactlyElementsOf(files);
    assertThat(read.get(0).partition()).isSameAs(read.get(2).partition());
    assertThat(read.get(1).partition()).isSameAs(read.get(3).partition()).isNotEqualTo(read.get(0).partition());
    assertThat(read.get(4).partition()).containsEntry(1001, null).isEqualTo(files.get(4).partition());
  }

  @Test
  void boundsTheTypedColumnsRefuseAreKeptAsText() {
    // an older writer stored a time finer than microseconds; today's row checks refuse it in a typed column
    Map<Integer, ColumnStats> stats = new HashMap<>();
    stats.put(10, new ColumnStats(0, LocalTime.of(1, 0, 0, 1), LocalTime.of(2, 0)));
    stats.put(3, new ColumnStats(0, 1L, 9L));
    DataFile odd = new DataFile(dir.resolve("t/data/odd.parquet").toString(), "parquet", 5, 50, stats);
    DataFile normal = FormatRoundTripTest.fileWithStatsOfEveryType(dir.resolve("t/data/n.parquet").toString());

    CheckpointPart part = coldLog().writePart(List.of(odd, normal), context());
    String jsonPart = locations().newCheckpointPart();
    store.putIfAbsent(jsonPart, LogRecordJson.partToBytes(List.of(odd, normal), FormatRoundTripTest.ALL_TYPES,
        locations()));

    // read back as the JSON form reads it: lossy input taken as stored, to microseconds
    List<DataFile> read = coldLog().readPart(part.location(), context());
    assertThat(read).containsExactlyElementsOf(coldLog().readPart(jsonPart, context()));
    assertThat(read.get(0).columnStats().get(10).min()).contains(LocalTime.of(1, 0));
    assertThat(read.get(1)).isEqualTo(normal);
  }

  @Test
  void aPartReadsWithTheSchemaItWasWrittenWithAfterAColumnIsWidened() {
    DataFile file = fullEntry("w.parquet", 0);
    CheckpointPart part = coldLog().writePart(List.of(file), context());
    List<dev.snaplog.core.Field> widened = new ArrayList<>(FormatRoundTripTest.ALL_TYPES.fields());
    widened.set(1, dev.snaplog.core.Field.optional(2, "i", dev.snaplog.core.types.Type.LONG));
    dev.snaplog.core.Schema later = new dev.snaplog.core.Schema(4, widened);
    TableMetadata now = context().toBuilder().schemas(List.of(FormatRoundTripTest.ALL_TYPES, later), 4).build();

    List<DataFile> read = coldLog().readPart(part.location(), now);

    assertThat(read).containsExactly(file);
    assertThat(read.get(0).columnStats().get(2).min()).contains(-5);
  }

  @Test
  void jsonPartsOfTheEarlierFormatStillRead() {
    List<DataFile> files = List.of(fullEntry("old.parquet", 0),
        FormatRoundTripTest.fileWithStatsOfEveryType(dir.resolve("t/data/older.parquet").toString()));
    String location = locations().newCheckpointPart();
    store.putIfAbsent(location, LogRecordJson.partToBytes(files, FormatRoundTripTest.ALL_TYPES,
        PartitionTypes.of(context()), locations()));

    assertThat(coldLog().readPart(location, context())).containsExactlyElementsOf(files);
  }

  @Test
  void aDamagedPartIsReportedWithItsLocation() {
    CheckpointPart part = coldLog().writePart(List.of(fullEntry("a.parquet", 0)), context());
    byte[] whole = store.newInputFile(part.location()).readAllBytes();
    String damaged = locations().newCheckpointPart();
    store.putIfAbsent(damaged, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> coldLog().readPart(damaged, context()))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining(damaged);
  }

  @Test
  void liveFilesConcatenatesPartsAndAppliesTheLogAfterTheCheckpoint() {
    TableLog writer = coldLog();
    List<DataFile> first = new ArrayList<>();
    List<DataFile> second = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      (i < 20 ? first : second).add(new DataFile(dir.resolve("t/data/f" + i + ".parquet").toString(), "parquet",
          i + 1, 100, Map.of(3, new ColumnStats(0, (long) i, (long) i))));
    }
    CheckpointPart p1 = writer.writePart(first, context());
    CheckpointPart p2 = writer.writePart(second, context());
    String checkpoint = writer.writeCheckpoint(new Checkpoint(7, 3, List.of(p1, p2)), context());
    DataFile added = new DataFile(dir.resolve("t/data/new.parquet").toString(), "parquet", 1, 1, Map.of());
    LogRecord record = new LogRecord("c-8", 3, List.of(added),
        List.of(first.get(3).location(), second.get(0).location()));
    TableLog.PendingWrite w = writer.writeLogRecordAsync(record, context(), Runnable::run);
    w.await();

    FileSetState fileSet = new FileSetState(Optional.of(checkpoint), List.of(w.location()), List.of(8L));
    List<DataFile> live = coldLog().liveFiles(context(), fileSet, p -> true);

    List<DataFile> expected = new ArrayList<>(first);
    expected.remove(3);
    expected.addAll(second.subList(1, second.size()));
    expected.add(added.withDataSequenceNumber(8));
    assertThat(live).containsExactlyElementsOf(expected);
    // a part the predicate refuses is not read at all
    assertThat(coldLog().liveFiles(context(), fileSet, p -> p.location().equals(p2.location())))
        .hasSize(second.size() - 1 + 1);
  }
}
