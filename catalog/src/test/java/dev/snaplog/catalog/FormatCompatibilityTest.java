package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table written by an earlier format (metadata version 1, log records and checkpoints version 1, kept as a
 * fixture under {@code fixtures/format-v1}) loads, scans, time-travels and verifies unchanged, and upgrades on
 * its next commit to the current versions (metadata 5, log records 2). So does a table written at metadata
 * version 3 (fixture {@code fixtures/format-v3}, written by the {@code snaplog} command of that format), which
 * then takes a schema change and a partition spec, and a partitioned table written at metadata version 4
 * (fixture {@code fixtures/format-v4}, likewise), which reads as unsorted and then takes a sort order.
 */
class FormatCompatibilityTest {
  private static final TableId EVENTS = TableId.of("db", "events");

  @TempDir
  Path dir;

  private Path copyFixture() throws IOException, URISyntaxException {
    return copyFixture("format-v1");
  }

  private Path copyFixture(String name) throws IOException, URISyntaxException {
    Path source = Paths.get(getClass().getResource("/fixtures/" + name + "/warehouse").toURI());
    Path target = dir.resolve("warehouse");
    try (Stream<Path> walk = Files.walk(source)) {
      walk.forEach(p -> {
        try {
          Path to = target.resolve(source.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return target;
  }

  private static Set<String> expectedRows(String name) throws IOException, URISyntaxException {
    Path p = Paths.get(FormatCompatibilityTest.class.getResource("/fixtures/format-v1/" + name).toURI());
    return Files.readAllLines(p).stream().filter(l -> !l.startsWith("id,")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> rows(List<Record> records) {
    Set<String> out = new TreeSet<>();
    for (Record r : records) {
      out.add(r.get("id") + "," + r.get("ts") + "," + (r.get("msg") == null ? "" : r.get("msg")) + ","
          + ((BigDecimal) r.get("amount")).toPlainString());
    }
    return out;
  }

  @Test
  void aVersionOneTableLoadsScansTimeTravelsAndUpgradesOnItsNextCommit() throws Exception {
    Path warehouse = copyFixture();
    try (Catalog catalog = Catalogs.open(warehouse.toString())) {
      Table t = catalog.loadTable(EVENTS);
      assertThat(t.version()).isEqualTo(15);
      assertThat(rows(t.newScan().records().toList())).isEqualTo(expectedRows("main-rows.csv"));
      assertThat(rows(t.newScan().useBranch("dev").records().toList())).isEqualTo(expectedRows("dev-rows.csv"));
      assertThat(t.newScan().useTag("first").records().toList()).hasSize(2);
      assertThat(t.verify(true).problems()).isEmpty();

      CommitResult dup = t.newAppend().commitToken("loader:12").alreadyCommitted().orElseThrow();
      assertThat(dup.matchedToken()).contains("loader:12");
      CommitResult r = t.newAppend().appendRecords(List.of(GenericRecord.of(t.schema(), 999L,
          Instant.parse("2026-02-01T00:00:00Z"), "after upgrade", new BigDecimal("1.00"))))
          .commitToken("loader:13").commitWithResult();
      assertThat(r.duplicate()).isFalse();
      assertThat(r.version()).isEqualTo(16);
      String metadata = Files.list(warehouse.resolve("db/events/metadata")).map(Path::toString)
          .filter(n -> n.contains("/00000000000000000016-")).findFirst().orElseThrow();
      String upgraded = Files.readString(Path.of(metadata));
      assertThat(upgraded).contains("\"format-version\":5").contains("\"last-column-id\":4")
          .contains("\"partition-specs\":[{\"spec-id\":0,\"fields\":[]}]")
          .containsPattern("\"log-versions\":\\[(0,)*16\\]");
      String logRecord = Files.readString(warehouse.resolve("db/events/" + upgraded.replaceAll(
          "(?s).*\"log-record\":\"([^\"]+)\".*", "$1")));
      assertThat(logRecord).contains("\"format-version\":2").contains("\"content\":\"data\"")
          .contains("\"spec-id\":0");

      Table reloaded = catalog.loadTable(EVENTS);
      assertThat(reloaded.newScan().records().toList()).hasSize(25);
      assertThat(rows(reloaded.newScan().useBranch("dev").records().toList()))
          .isEqualTo(expectedRows("dev-rows.csv"));
      assertThat(reloaded.verify().problems()).isEmpty();
      assertThat(reloaded.expireSnapshots().retainLast(2).commit().expiredVersions()).isPositive();
      assertThat(catalog.loadTable(EVENTS).verify().problems()).isEmpty();
    }
  }

  private static Set<String> csvRows(String fixture, String name) throws IOException, URISyntaxException {
    Path p = Paths.get(FormatCompatibilityTest.class.getResource("/fixtures/" + fixture + "/" + name).toURI());
    return Files.readAllLines(p).stream().filter(l -> !l.startsWith("id,")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> isoRows(List<Record> records) {
    Set<String> out = new TreeSet<>();
    for (Record r : records) {
      out.add(r.get("id") + "," + r.get("ts") + "," + (r.get("msg") == null ? "" : r.get("msg")) + ","
          + ((BigDecimal) r.get("amount")).toPlainString());
    }
    return out;
  }

  @Test
  void aVersionThreeTableLoadsCommitsAndThenEvolves() throws Exception {
    Path warehouse = copyFixture("format-v3");
    try (Catalog catalog = Catalogs.open(warehouse.toString())) {
      Table t = catalog.loadTable(EVENTS);
      assertThat(t.version()).isEqualTo(6);
      assertThat(t.spec().isUnpartitioned()).isTrue();
      assertThat(isoRows(t.newScan().records().toList())).isEqualTo(csvRows("format-v3", "main-rows.csv"));
      assertThat(isoRows(t.newScan().useTag("first-load").records().toList()))
          .isEqualTo(csvRows("format-v3", "first-load.csv"));
      assertThat(t.verify(true).problems()).isEmpty();
      assertThat(t.newAppend().commitToken("loader:2").alreadyCommitted()).isPresent();

      CommitResult r = t.newAppend().appendRecords(List.of(GenericRecord.of(t.schema(), 6L,
          Instant.parse("2026-01-05T00:00:00Z"), "sixth", new BigDecimal("6.00")))).commitToken("loader:3")
          .commitWithResult();
      assertThat(r.version()).isEqualTo(7);
      String metadata = Files.list(warehouse.resolve("db/events/metadata")).map(Path::toString)
          .filter(n -> n.contains("/00000000000000000007-")).findFirst().orElseThrow();
      assertThat(Files.readString(Path.of(metadata))).contains("\"format-version\":5")
          .contains("\"last-partition-id\":999").contains("\"default-sort-order-id\":0");

      t.updateSchema().addColumn("region", dev.snaplog.core.types.Type.STRING).commit();
      t.updateSpec().addField("day(ts)").commit();
      Table reloaded = catalog.loadTable(EVENTS);
      reloaded.newAppend().appendRecords(List.of(GenericRecord.of(reloaded.schema(), 7L,
          Instant.parse("2026-01-06T00:00:00Z"), "seventh", new BigDecimal("7.00"), "eu"))).commit();
      List<Record> all = reloaded.refresh().newScan().records().toList();
      assertThat(all).hasSize(6);
      assertThat(reloaded.newScan().filter(dev.snaplog.core.expressions.Expressions.greaterThanOrEqual("ts",
          "2026-01-06T00:00:00Z")).planFiles().toList()).hasSize(1);
      assertThat(reloaded.verify().problems()).isEmpty();
    }
  }

  private static Set<String> isoRowsWithRegion(List<Record> records) {
    Set<String> out = new TreeSet<>();
    for (Record r : records) {
      out.add(r.get("id") + "," + r.get("ts") + "," + (r.get("msg") == null ? "" : r.get("msg")) + ","
          + ((BigDecimal) r.get("amount")).toPlainString() + "," + (r.get("region") == null ? "" : r.get("region")));
    }
    return out;
  }

  @Test
  void aVersionFourTableLoadsUnsortedCommitsAndThenTakesASortOrder() throws Exception {
    Path warehouse = copyFixture("format-v4");
    try (Catalog catalog = Catalogs.open(warehouse.toString())) {
      Table t = catalog.loadTable(EVENTS);
      assertThat(t.version()).isEqualTo(5);
      assertThat(t.spec().toText(t.schema())).isEqualTo("day(ts)");
      assertThat(t.sortOrder()).isEqualTo(dev.snaplog.core.SortOrder.UNSORTED);
      assertThat(t.sortOrders()).containsOnlyKeys(0);
      assertThat(isoRowsWithRegion(t.newScan().records().toList()))
          .isEqualTo(csvRows("format-v4", "main-rows.csv"));
      assertThat(isoRows(t.newScan().useTag("first-load").records().toList()))
          .isEqualTo(csvRows("format-v4", "first-load.csv"));
      assertThat(t.verify(true).problems()).isEmpty();
      assertThat(t.newAppend().commitToken("loader:2").alreadyCommitted()).isPresent();

      CommitResult r = t.newAppend().appendRecords(List.of(GenericRecord.of(t.schema(), 6L,
          Instant.parse("2026-01-05T00:00:00Z"), "sixth", new BigDecimal("6.00"), "eu"))).commitToken("loader:3")
          .commitWithResult();
      assertThat(r.version()).isEqualTo(6);
      String metadata = Files.list(warehouse.resolve("db/events/metadata")).map(Path::toString)
          .filter(n -> n.contains("/00000000000000000006-")).findFirst().orElseThrow();
      assertThat(Files.readString(Path.of(metadata))).contains("\"format-version\":5")
          .contains("\"sort-orders\":[{\"order-id\":0,\"fields\":[]}]").contains("\"default-sort-order-id\":0");

      t.replaceSortOrder().desc("amount").asc("id").commit();
      Table reloaded = catalog.loadTable(EVENTS);
      assertThat(reloaded.sortOrder().toText(reloaded.schema())).isEqualTo("amount desc, id");
      List<Record> batch = new java.util.ArrayList<>();
      for (long id = 10; id < 30; id++) {
        batch.add(GenericRecord.of(reloaded.schema(), id, Instant.parse("2026-01-07T00:00:00Z"), "m" + id,
            new BigDecimal((id * 7 % 13) + ".00"), null));
      }
      reloaded.newAppend().appendRecords(batch).commit();
      List<Record> day7 = reloaded.refresh().newScan().filter(dev.snaplog.core.expressions.Expressions
          .greaterThanOrEqual("ts", "2026-01-07T00:00:00Z")).records().toList();
      assertThat(day7).hasSize(20);
      for (int i = 1; i < day7.size(); i++) { // one file, read in file order: sorted by amount desc, then id
        assertThat(reloaded.sortOrder().comparator(reloaded.schema()).compare(day7.get(i - 1), day7.get(i)))
            .isLessThanOrEqualTo(0);
      }
      assertThat(reloaded.newScan().records().toList()).hasSize(25);
      assertThat(reloaded.verify().problems()).isEmpty();
    }
  }
}
