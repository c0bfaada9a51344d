package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Limits;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input the API accepts must leave a table every reader can read; input it cannot store that way is refused
 * at the edge with a ValidationException naming the limit, before anything is written.
 */
class AcceptedInputStaysReadableTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, s string, b binary");


  private Table table;

  @BeforeEach
  void open() {
    table = catalog.createTable(TableId.of("db", "t"), SCHEMA, Map.of(TableProperties.CHECKPOINT_INTERVAL, "2"));
  }

  @Test
  void twentyMegabyteStringAppendsAndScansWithSmallLogObjects() throws IOException {
    String huge = "x".repeat(20_000_000) + "\uD83D\uDE00";
    for (long id = 1; id <= 3; id++) { // the third commit writes a checkpoint too
      table.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, id, huge, null))).commit();
    }
    Table reloaded = Catalogs.open(dir.resolve("warehouse").toString()).loadTable(TableId.of("db", "t"));
    assertThat(reloaded.verify().problems()).isEmpty();
    List<Record> rows = scan(reloaded, Expressions.equal("s", huge));
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.get(1)).isEqualTo(huge));
    assertThat(scan(reloaded, Expressions.lessThan("s", "x"))).isEmpty();
    long largestLogObject;
    try (Stream<Path> files = Files.walk(dir.resolve("warehouse/db/t"))) {
      largestLogObject = files.filter(p -> !p.toString().contains("/data/") && Files.isRegularFile(p))
          .mapToLong(p -> p.toFile().length()).max().orElseThrow();
    }
    assertThat(largestLogObject).as("largest log object, bytes").isLessThan(10_000);
  }

  @Test
  void oversizedWriterNameAndSummaryKeyAreRefusedAndTheTableStaysReadable() {
    table.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 1L, "a", null))).commit();
    long version = table.refresh().version();
    String name60k = "w".repeat(60_000);
    assertThatThrownBy(() -> table.newAppend().commitToken(name60k + ":1"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("limit is 255 bytes");
    assertThatThrownBy(() -> table.newAppend().set(name60k, "v"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("limit is 255 bytes");
    assertThatThrownBy(() -> table.newAppend().set("k", "v".repeat(Limits.MAX_VALUE_BYTES + 1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("limit is " + Limits.MAX_VALUE_BYTES);
    assertThatThrownBy(() -> table.manageRefs().createTag(name60k, 1L))
        .isInstanceOf(ValidationException.class).hasMessageContaining("limit is 255 bytes");
    assertThat(table.refresh().version()).isEqualTo(version);
    assertThat(catalog.loadTable(TableId.of("db", "t")).verify().ok()).isTrue();
  }

  @Test
  void largestAllowedNamesKeysAndValuesCommitAndReadBack() {
    String name = "\uD83D\uDE00".repeat(Limits.MAX_NAME_BYTES / 4); // 252 bytes of 4-byte characters
    String value = "\u00e5".repeat(Limits.MAX_VALUE_BYTES / 2);
    table.newAppend().set(name, value).commitToken(name + ":7")
        .appendRecords(List.of(GenericRecord.of(SCHEMA, 1L, "a", null))).commit();
    long snapshot = table.refresh().currentSnapshot().orElseThrow().snapshotId();
    table.manageRefs().createTag(name, snapshot).createBranch(name + "b", snapshot).commit();
    Table reloaded = Catalogs.open(dir.resolve("warehouse").toString()).loadTable(TableId.of("db", "t"));
    assertThat(reloaded.currentSnapshot().orElseThrow().summary()).containsEntry(name, value);
    assertThat(reloaded.tags()).containsKey(name);
    assertThat(reloaded.branches()).containsKey(name + "b");
    assertThat(reloaded.verify().ok()).isTrue();
  }

  @Test
  void namesAreLimitedInEncodedBytes() {
    String aRing250 = "\u00e5".repeat(250); // 250 characters, 500 bytes of UTF-8
    assertThatThrownBy(() -> TableId.of("db", aRing250)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("500 bytes").hasMessageContaining("limit is 255 bytes");
    assertThatThrownBy(() -> catalog.createNamespace(aRing250)).isInstanceOf(ValidationException.class);
    Table longest = catalog.createTable(TableId.of("db", "\u00e5".repeat(127) + "x"), SCHEMA);
    longest.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 1L, "a", null))).commit();
    assertThat(longest.verify().ok()).isTrue();
  }

  @Test
  void aFilterOfAnyLengthIsEvaluatedAndATooDeepOneIsRefused() {
    table.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 1L, "a", null),
        GenericRecord.of(SCHEMA, 50_000L, "b", null))).commit();
    Expression chain = Expressions.equal("id", -1L);
    for (long i = 2; i <= 100_000; i++) {
      chain = Expressions.or(chain, Expressions.equal("id", i));
    }
    assertThat(scan(table, chain)).extracting(r -> r.get(0)).containsExactly(50_000L);
    Expression deep = Expressions.equal("id", 1L);
    for (int i = 0; i < 50_000; i++) {
      deep = i % 2 == 0 ? new Expression.And(deep, Expressions.notNull("id"))
          : new Expression.Or(Expressions.isNull("id"), new Expression.Not(deep));
    }
    Expression tooDeep = deep;
    assertThatThrownBy(() -> scan(table, tooDeep)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit is " + Expressions.MAX_NESTING);
  }

  @Test
  void statsTruncationLengthIsATableProperty() {
    assertThatThrownBy(() -> catalog.createTable(TableId.of("db", "bad"), SCHEMA,
        Map.of(TableProperties.STATS_TRUNCATE_LENGTH, "0"))).isInstanceOf(ValidationException.class)
        .hasMessageContaining(TableProperties.STATS_TRUNCATE_LENGTH);
    assertThat(catalog.tableExists(TableId.of("db", "bad"))).isFalse();
    Table t = catalog.createTable(TableId.of("db", "t2"), SCHEMA, Map.of(TableProperties.STATS_TRUNCATE_LENGTH, "2"));
    t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 1L, "abcdef", null))).commit();
    Table reloaded = Catalogs.open(dir.resolve("warehouse").toString()).loadTable(TableId.of("db", "t2"));
    var files = new ArrayList<dev.snaplog.core.FileScanTask>();
    try (var tasks = reloaded.newScan().planFiles()) {
      tasks.forEach(files::add);
    }
    var stats = files.get(0).file().columnStats().get(2);
    assertThat(stats.min()).contains("ab");
    assertThat(stats.max()).contains("ac");
    assertThat(scan(reloaded, Expressions.equal("s", "abcdef"))).hasSize(1);
  }

  private static List<Record> scan(Table t, Expression filter) {
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> rows = t.newScan().filter(filter).records()) {
      rows.forEach(out::add);
    }
    return out;
  }
}
