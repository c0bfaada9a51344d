package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.partition.Transforms;
import dev.snaplog.core.types.Type;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB, a reader that shares no code with Snaplog, reads the Parquet files of a partitioned table with nested
 * columns and finds the values that were written, and every file holds only rows of its partition.
 */
class DuckDbReadsOurFilesTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, address struct<city string,"
      + " zip int>, tags list<string>, props map<string, long>");
  private static final Instant DAY0 = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir
  Path dir;

  private static List<Record> rows() {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> address = new LinkedHashMap<>();
      address.put("city", i % 3 == 0 ? "Oslo" : "Bergen");
      address.put("zip", i % 5 == 0 ? null : 1000 + i);
      Map<String, Object> props = new LinkedHashMap<>();
      for (int k = 0; k < i % 3; k++) {
        props.put("k" + k, (long) k * i);
      }
      out.add(GenericRecord.of(SCHEMA, (long) i, DAY0.plus(i % 4, ChronoUnit.DAYS).plusSeconds(i * 61L),
          i % 7 == 6 ? null : address, i % 6 == 5 ? null : Arrays.asList("t" + i, null), props));
    }
    return out;
  }

  @Test
  void duckDbReadsTheNestedValuesOfEveryPartitionFile() throws SQLException {
    List<Record> written = rows();
    List<DataFile> files;
    try (Catalog catalog = Catalogs.open(dir.resolve("warehouse").toString())) {
      catalog.createNamespace("db");
      Table t = catalog.createTable(TableId.of("db", "nested"), SCHEMA,
          PartitionSpec.parse("day(ts), bucket(2, id)", SCHEMA), Map.of());
      t.newAppend().appendRecords(written).commit();
      files = t.refresh().newScan().planFiles().toList().stream().map(FileScanTask::file).toList();
    }
    assertThat(files).hasSizeGreaterThan(4);

    int seen = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      for (DataFile f : files) {
        LocalDate day = (LocalDate) f.partition().get(1000);
        Object bucket = f.partition().get(1001);
        try (ResultSet rs = st.executeQuery("SELECT id, epoch_ms(ts) AS ts_ms, address.city AS city, address.zip"
            + " AS zip, address IS NULL AS no_address, tags, map_keys(props) AS ks, map_values(props) AS vs FROM"
            + " read_parquet('" + f.location() + "', hive_partitioning = false) ORDER BY id")) {
          while (rs.next()) {
            seen++;
            Record expected = written.get((int) rs.getLong("id"));
            Instant ts = Instant.ofEpochMilli(rs.getLong("ts_ms"));
            assertThat(ts).isEqualTo(expected.get("ts"));
            assertThat(LocalDate.ofInstant(ts, ZoneOffset.UTC)).isEqualTo(day);
            assertThat(Transforms.fromString("bucket[2]").apply(Type.LONG, rs.getLong("id"))).isEqualTo(bucket);
            Record address = (Record) expected.get("address");
            assertThat(rs.getBoolean("no_address")).isEqualTo(address == null);
            if (address != null) {
              assertThat(rs.getString("city")).isEqualTo(address.get("city"));
              Object zip = rs.getObject("zip");
              assertThat(zip == null ? null : ((Number) zip).intValue()).isEqualTo(address.get("zip"));
            }
            java.sql.Array tagArray = rs.getArray("tags");
            Object tags = tagArray == null ? null : Arrays.asList((Object[]) tagArray.getArray());
            assertThat(tags).isEqualTo(expected.get("tags"));
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) expected.get("props");
            assertThat(Arrays.asList((Object[]) rs.getArray("ks").getArray()))
                .containsExactlyElementsOf(props.keySet());
            assertThat(Arrays.stream((Object[]) rs.getArray("vs").getArray()).map(v -> (Object) ((Number) v)
                .longValue()).toList()).containsExactlyElementsOf(props.values());
          }
        }
      }
    }
    assertThat(seen).isEqualTo(written.size());
  }
}
