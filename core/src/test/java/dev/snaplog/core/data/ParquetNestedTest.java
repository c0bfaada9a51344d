package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Structs, lists and maps: written in the standard Parquet layouts with field ids, read back by id. */
class ParquetNestedTest {
  static final Schema SCHEMA = Schema.parse("id long not null, address struct<city string not null, zip int,"
      + " geo struct<lat double, lon double>>, tags list<string>, props map<string, long not null>,"
      + " events list<struct<kind string, at long>>");

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  static List<Record> rows(int n) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> address = new LinkedHashMap<>();
      address.put("city", i % 3 == 0 ? "Oslo" : "Bergen");
      address.put("zip", i % 5 == 0 ? null : 1000 + i);
      address.put("geo", i % 4 == 0 ? null : Map.of("lat", 59.9 + i, "lon", 10.7));
      Map<String, Object> props = new LinkedHashMap<>();
      for (int k = 0; k < i % 3; k++) {
        props.put("k" + k, (long) k * i);
      }
      out.add(GenericRecord.of(SCHEMA, (long) i, i % 7 == 6 ? null : address,
          i % 6 == 5 ? null : Arrays.asList("t" + i, null, "x"),
          props,
          i % 2 == 0 ? List.of() : List.of(Map.of("kind", "click", "at", (long) i))));
    }
    return out;
  }

  private DataFile write(String name, List<Record> rows) {
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(dir.resolve(name).toString()), SCHEMA, "db.t",
        WriteOptions.defaults().withRowGroupRowLimit(16))) {
      rows.forEach(w::write);
      return w.complete();
    }
  }

  private List<Record> read(String name, Schema projection, Expression filter) {
    return ParquetFormat.read(store.newInputFile(dir.resolve(name).toString()), SCHEMA, projection,
        Expressions.bind(filter, SCHEMA)).toList();
  }

  @Test
  void nestedFieldsGetIdsOfTheirOwnAfterTheTopLevelColumns() {
    assertThat(SCHEMA.findField("address.city").orElseThrow().id()).isEqualTo(6);
    assertThat(SCHEMA.findField("address.geo.lat").orElseThrow().id()).isEqualTo(9);
    assertThat(SCHEMA.findField("tags.element").orElseThrow().id()).isEqualTo(11);
    assertThat(SCHEMA.findField("props.key").orElseThrow().id()).isEqualTo(12);
    assertThat(SCHEMA.findField("props.value").orElseThrow().required()).isTrue();
    assertThat(SCHEMA.highestFieldId()).isEqualTo(16);
    assertThat(Schema.parse(SCHEMA.toString()).fields()).isEqualTo(SCHEMA.fields());
  }

  @Test
  void roundTripsEveryShape() {
    List<Record> rows = rows(100);
    write("a.parquet", rows);
    assertThat(read("a.parquet", SCHEMA, Expressions.alwaysTrue())).isEqualTo(rows);
  }

  @Test
  void writesTheStandardLayoutsWithFieldIds() throws Exception {
    write("a.parquet", rows(3));
    try (ParquetFileReader r = ParquetFiles.open(store.newInputFile(dir.resolve("a.parquet").toString()))) {
      MessageType m = r.getFileMetaData().getSchema();
      GroupType tags = m.getType("tags").asGroupType();
      assertThat(tags.getLogicalTypeAnnotation().toString()).isEqualTo("LIST");
      assertThat(tags.getType("list").asGroupType().getType("element").getId().intValue()).isEqualTo(11);
      GroupType props = m.getType("props").asGroupType();
      assertThat(props.getLogicalTypeAnnotation().toString()).isEqualTo("MAP");
      assertThat(props.getType("key_value").asGroupType().getType("value").getId().intValue()).isEqualTo(13);
      assertThat(m.getType("address").asGroupType().getType("city").getId().intValue()).isEqualTo(6);
    }
  }

  @Test
  void projectsNestedFields() {
    List<Record> rows = rows(40);
    write("a.parquet", rows);
    Schema projection = SCHEMA.select(List.of("address.geo.lat", "id"));
    assertThat(projection.toString()).isEqualTo("address struct<geo struct<lat double>>, id long not null");
    List<Record> result = read("a.parquet", projection, Expressions.alwaysTrue());
    for (int i = 0; i < rows.size(); i++) {
      Record address = (Record) rows.get(i).get("address");
      Record geo = address == null ? null : (Record) address.get("geo");
      Record got = (Record) result.get(i).get("address");
      assertThat(result.get(i).get("id")).isEqualTo((long) i);
      if (address == null) {
        assertThat(got).isNull();
      } else {
        assertThat(got.get("geo") == null ? null : ((Record) got.get("geo")).get("lat"))
            .isEqualTo(geo == null ? null : geo.get("lat"));
      }
    }
  }

  @Test
  void filtersOnNestedFieldsByDottedName() {
    List<Record> rows = rows(100);
    write("a.parquet", rows);
    Expression oslo = Expressions.equal("address.city", "Oslo");
    assertThat(Expressions.bind(oslo, SCHEMA).toString()).isEqualTo("address.city = 'Oslo'");
    // the filter's field is not projected: it is read for the filter and left out of the rows returned
    List<Record> result = read("a.parquet", SCHEMA.select(List.of("id", "address.zip")), oslo);
    List<Long> expected = rows.stream().filter(r -> r.get("address") != null
        && ((Record) r.get("address")).get("city").equals("Oslo")).map(r -> (Long) r.get("id")).toList();
    assertThat(result).extracting(r -> (Long) r.get("id")).containsExactlyElementsOf(expected);
    assertThat(result.get(0).get("address").toString()).doesNotContain("city");
    // a null enclosing struct makes the field null
    assertThat(read("a.parquet", SCHEMA.select(List.of("id")), Expressions.isNull("address.city")))
        .extracting(r -> (Long) r.get("id")).containsExactly(6L, 13L, 20L, 27L, 34L, 41L, 48L, 55L, 62L, 69L, 76L,
            83L, 90L, 97L);
  }

  @Test
  void rowGroupsAreSkippedOnNestedStats() {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      rows.add(GenericRecord.of(SCHEMA, (long) i, Map.of("city", i < 32 ? "Bergen" : "Oslo"), null, null, null));
    }
    write("a.parquet", rows);
    ReadMetrics metrics = new ReadMetrics();
    List<Record> result = ParquetFormat.read(store.newInputFile(dir.resolve("a.parquet").toString()), SCHEMA,
        SCHEMA.select(List.of("id")), Expressions.bind(Expressions.equal("address.city", "Oslo"), SCHEMA),
        metrics).toList();
    assertThat(result).hasSize(32);
    assertThat(metrics.rowGroupsSkipped()).isEqualTo(2);
  }

  @Test
  void collectsStatsPerLeaf() {
    DataFile f = write("a.parquet", rows(20));
    Map<Integer, ColumnStats> stats = f.columnStats();
    ColumnStats city = stats.get(SCHEMA.findField("address.city").orElseThrow().id());
    assertThat(city.nullCount()).isEqualTo(2); // rows 6 and 13 have no address
    assertThat(city.min()).contains("Bergen");
    assertThat(city.max()).contains("Oslo");
    ColumnStats tag = stats.get(SCHEMA.findField("tags.element").orElseThrow().id());
    assertThat(tag.min()).contains("t0");
    assertThat(stats).doesNotContainKey(SCHEMA.field("address").id());
  }

  @Test
  void refusesBadNestedValuesAndFilters() {
    assertThatThrownBy(() -> GenericRecord.of(SCHEMA, 1L, Map.of("town", "x"), null, null, null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("Unknown field 'town'");
    Map<String, Long> nullValue = new LinkedHashMap<>();
    nullValue.put("a", null);
    Record bad = GenericRecord.of(SCHEMA, 1L, null, null, nullValue, null);
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(dir.resolve("b.parquet").toString()), SCHEMA,
        "db.t")) {
      assertThatThrownBy(() -> w.write(bad)).isInstanceOf(ValidationException.class)
          .hasMessageContaining("required field 'props.value'");
    }
    assertThatThrownBy(() -> Expressions.bind(Expressions.equal("address", "x"), SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("address.city");
    assertThatThrownBy(() -> Expressions.bind(Expressions.equal("tags.element", "x"), SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("inside a list or map");
    assertThatThrownBy(() -> dev.snaplog.core.types.Literals.fromText(SCHEMA.field("tags").type(), "[a]"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("JSON Lines");
  }
}
