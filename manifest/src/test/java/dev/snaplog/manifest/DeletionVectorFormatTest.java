package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roaringbitmap.RoaringBitmap;

/** File entries of format 2 (deletion vector, partition, sequence number), version-1 entries, vector objects. */
class DeletionVectorFormatTest {
  private static final Schema SCHEMA = Schema.parse("id long not null");

  @TempDir
  Path dir;

  @Test
  void aFileEntryWithADeletionVectorRoundTripsAndAVersionOneEntryReadsWithDefaults() {
    LocalObjectStore store = new LocalObjectStore();
    TableLocations loc = new TableLocations(store, dir.resolve("t").toString());
    DataFile f = new DataFile(loc.newDataFile(), DataFile.PARQUET, 10, 100, Map.of())
        .withDeletionVector(Optional.of(new DeletionVectorRef(loc.newDeletionVectors(), 5, 20, 3)))
        .withDataSequenceNumber(7);
    LogRecord r = new LogRecord("c", SCHEMA.schemaId(), List.of(f), List.of());
    LogRecord back = LogRecordJson.fromBytes(LogRecordJson.toBytes(r, SCHEMA, loc), "x", id -> SCHEMA, loc);
    assertThat(back.added()).containsExactly(f);
    assertThat(back.added().get(0).liveRecordCount()).isEqualTo(7);

    String v1 = "{\"format-version\":1,\"commit-id\":\"c\",\"schema-id\":" + SCHEMA.schemaId() + ",\"added\":[{"
        + "\"location\":\"data/a.parquet\",\"format\":\"parquet\",\"records\":4,\"bytes\":9,\"stats\":{}}],"
        + "\"removed\":[]}";
    DataFile old = LogRecordJson.fromBytes(v1.getBytes(StandardCharsets.UTF_8), "x", id -> SCHEMA, loc)
        .added().get(0);
    assertThat(old.deletionVector()).isEmpty();
    assertThat(old.partition()).isEmpty();
    assertThat(old.specId()).isZero();
    assertThat(old.dataSequenceNumber()).isZero();
  }

  @Test
  void vectorsAreReadByByteRangeAndCheckedAgainstTheLog() {
    LocalObjectStore store = new LocalObjectStore();
    TableLocations loc = new TableLocations(store, dir.resolve("t").toString());
    Map<String, RoaringBitmap> vectors = new LinkedHashMap<>();
    vectors.put("a", RoaringBitmap.bitmapOf(1, 2, 3));
    vectors.put("b", RoaringBitmap.bitmapOf(0, 9));
    String object = loc.newDeletionVectors();
    Map<String, DeletionVectorRef> refs = DeletionVectors.write(store, object, vectors);
    DataFile b = new DataFile("b", DataFile.PARQUET, 10, 1, Map.of()).withDeletionVector(Optional.of(refs.get("b")));
    assertThat(DeletionVectors.read(store, b)).isEqualTo(RoaringBitmap.bitmapOf(0, 9));

    DataFile tooShort = new DataFile("b", DataFile.PARQUET, 5, 1, Map.of())
        .withDeletionVector(Optional.of(refs.get("b")));
    assertThatThrownBy(() -> DeletionVectors.read(store, tooShort)).isInstanceOf(CorruptTableException.class)
        .hasMessageContaining("deletes row 9 of a file of 5 rows");
    DeletionVectorRef wrongCount = new DeletionVectorRef(object, refs.get("a").offset(), refs.get("a").length(), 2);
    assertThatThrownBy(() -> DeletionVectors.read(store, b.withDeletionVector(Optional.of(wrongCount))))
        .isInstanceOf(CorruptTableException.class).hasMessageContaining("log records 2");
  }
}
