package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten row groups of 100 rows with disjoint id ranges; group g holds ids 100g..100g+99, the name "g<g>", and
 * only group 3 has null scores.
 */
class ParquetRowGroupSkippingTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, grp string not null, score double");

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();
  private final List<Record> rows = new ArrayList<>();
  private String loc;

  @BeforeEach
  void writeFile() {
    for (long id = 0; id < 1_000; id++) {
      int g = (int) (id / 100);
      rows.add(GenericRecord.of(SCHEMA, id, "g" + g, g == 3 && id % 2 == 0 ? null : id * 0.5));
    }
    // written shuffled within each group, so bounds are not simply the first and last row
    List<Record> shuffled = new ArrayList<>();
    Random rnd = new Random(1);
    for (int g = 0; g < 10; g++) {
      List<Record> group = new ArrayList<>(rows.subList(g * 100, g * 100 + 100));
      java.util.Collections.shuffle(group, rnd);
      shuffled.addAll(group);
    }
    loc = dir.resolve("groups.parquet").toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), SCHEMA, "db.events",
        WriteOptions.defaults().withRowGroupRowLimit(100))) {
      shuffled.forEach(w::write);
      w.complete();
    }
  }

  private List<Record> read(Expression filter, Schema projection, ReadMetrics metrics) {
    return ParquetFormat.read(store.newInputFile(loc), SCHEMA, projection, Expressions.bind(filter, SCHEMA),
        metrics).toList();
  }

  private List<Long> ids(List<Record> records) {
    return records.stream().map(r -> r.get("id", Long.class)).sorted().toList();
  }

  private List<Long> expectedIds(Expression filter) {
    Expression bound = Expressions.bind(filter, SCHEMA);
    return rows.stream().filter(r -> Evaluators.matches(bound, r)).map(r -> r.get("id", Long.class)).toList();
  }

  @Test
  void rangeInsideOneGroupReadsOnlyThatGroup() {
    Expression filter = Expressions.and(Expressions.greaterThanOrEqual("id", 250),
        Expressions.lessThan("id", 270));
    ReadMetrics metrics = new ReadMetrics();

    List<Record> result = read(filter, SCHEMA, metrics);

    assertThat(metrics.rowGroupsRead()).isEqualTo(1);
    assertThat(metrics.rowGroupsSkipped()).isEqualTo(9);
    assertThat(metrics.rowsRead()).isEqualTo(100);
    assertThat(ids(result)).containsExactlyElementsOf(expectedIds(filter)).hasSize(20).startsWith(250L);
    assertThat(result).allMatch(r -> r.equals(rows.get(r.get("id", Long.class).intValue())));
  }

  @Test
  void filterMatchingNothingReadsNoGroup() {
    ReadMetrics metrics = new ReadMetrics();

    assertThat(read(Expressions.greaterThan("id", 5_000), SCHEMA, metrics)).isEmpty();
    assertThat(metrics.rowGroupsRead()).isZero();
    assertThat(metrics.rowGroupsSkipped()).isEqualTo(10);
  }

  @Test
  void disjunctionReadsTheGroupsOfEachSide() {
    Expression filter = Expressions.or(Expressions.lessThan("id", 50), Expressions.greaterThanOrEqual("id", 950));
    ReadMetrics metrics = new ReadMetrics();

    List<Record> result = read(filter, SCHEMA, metrics);

    assertThat(metrics.rowGroupsRead()).isEqualTo(2);
    assertThat(ids(result)).containsExactlyElementsOf(expectedIds(filter)).hasSize(100);
  }

  @Test
  void stringAndNullPredicatesPrune() {
    ReadMetrics byName = new ReadMetrics();
    assertThat(ids(read(Expressions.equal("grp", "g7"), SCHEMA, byName)))
        .containsExactlyElementsOf(expectedIds(Expressions.equal("grp", "g7")));
    assertThat(byName.rowGroupsRead()).isEqualTo(1);

    ReadMetrics byNull = new ReadMetrics();
    assertThat(ids(read(Expressions.isNull("score"), SCHEMA, byNull)))
        .containsExactlyElementsOf(expectedIds(Expressions.isNull("score"))).hasSize(50);
    assertThat(byNull.rowGroupsRead()).isEqualTo(1);
  }

  @Test
  void unprunablePredicateReadsEverythingButStillFiltersRows() {
    Expression filter = Expressions.notEqual("id", 500);
    ReadMetrics metrics = new ReadMetrics();

    assertThat(ids(read(filter, SCHEMA, metrics))).containsExactlyElementsOf(expectedIds(filter)).hasSize(999);
    assertThat(metrics.rowGroupsRead()).isEqualTo(10);
    assertThat(metrics.rowsReturned()).isEqualTo(999);
  }

  @Test
  void filterOnAColumnThatIsNotProjected() {
    Schema projection = SCHEMA.select(List.of("grp"));
    ReadMetrics metrics = new ReadMetrics();

    List<Record> result = read(Expressions.in("id", 5, 105, 999), projection, metrics);

    assertThat(result).containsExactly(GenericRecord.of(projection, "g0"), GenericRecord.of(projection, "g1"),
        GenericRecord.of(projection, "g9"));
    assertThat(metrics.rowGroupsRead()).isEqualTo(3);
  }

  @Test
  void randomRangesReadExactlyTheOverlappingGroupsAndReturnExactlyTheMatches() {
    Random rnd = new Random(17);
    for (int i = 0; i < 50; i++) {
      long lo = rnd.nextInt(1_100) - 50;
      long hi = lo + rnd.nextInt(300);
      Expression filter = Expressions.and(Expressions.greaterThanOrEqual("id", lo), Expressions.lessThanOrEqual("id", hi));
      ReadMetrics metrics = new ReadMetrics();

      List<Record> result = read(filter, SCHEMA, metrics);

      long overlapping = java.util.stream.IntStream.range(0, 10)
          .filter(g -> 100L * g <= hi && 100L * g + 99 >= lo).count();
      assertThat(metrics.rowGroupsRead()).as("[%d, %d]", lo, hi).isEqualTo(overlapping);
      assertThat(metrics.rowGroupsRead() + metrics.rowGroupsSkipped()).isEqualTo(10);
      assertThat(ids(result)).containsExactlyElementsOf(expectedIds(filter));
    }
  }

  @Test
  void readingIsLazyOneRowGroupAtATime() {
    ReadMetrics metrics = new ReadMetrics();
    try (CloseableIterable<Record> records = ParquetFormat.read(store.newInputFile(loc), SCHEMA, SCHEMA,
        Expressions.alwaysTrue(), metrics)) {
      assertThat(metrics.rowGroupsRead()).isZero();
      Iterator<Record> it = records.iterator();
      for (int i = 0; i < 150; i++) {
        it.next();
      }
      assertThat(metrics.rowGroupsRead()).isEqualTo(2);
    }
  }

  @Test
  void aMissingFileFailsWhenIteratedNotWhenOpened() {
    CloseableIterable<Record> records = ParquetFormat.read(store.newInputFile(dir.resolve("nope").toString()),
        SCHEMA, SCHEMA, Expressions.alwaysTrue());
    assertThatThrownBy(records::toList).isInstanceOf(NotFoundException.class);
  }

  @Test
  void closedReaderRefusesNewIterators() {
    CloseableIterable<Record> records = ParquetFormat.read(store.newInputFile(loc), SCHEMA, SCHEMA,
        Expressions.alwaysTrue());
    records.iterator().next();
    records.close();
    assertThatThrownBy(records::iterator).isInstanceOf(IllegalStateException.class);
  }
}
