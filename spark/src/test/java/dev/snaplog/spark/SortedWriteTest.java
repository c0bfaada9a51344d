package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Record;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark writes into a table with a sort order: each file's rows come out sorted, as the table's own writers sort. */
class SortedWriteTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("sorted");
  }

  /** The rows of every live file, file by file, in the order the file holds them. */
  private static List<List<Record>> rowsByFile(Table t) {
    List<List<Record>> out = new ArrayList<>();
    for (FileScanTask task : t.newScan().planFiles().toList()) {
      DataFile f = task.file();
      List<Record> rows = new ArrayList<>();
      try (CloseableIterable<Record> it = ParquetFormat.read(SharedSpark.storage().objects().newInputFile(f.location()),
          t.schema(), t.schema(), Expressions.alwaysTrue())) {
        it.forEach(rows::add);
      }
      out.add(rows);
    }
    return out;
  }

  @Test
  void appendsToASortedTableWriteSortedFilesUnpartitionedAndPartitioned() {
    String plain = "snaplog." + ns + ".plain";
    String parts = "snaplog." + ns + ".parts";
    spark.sql("CREATE TABLE " + plain + " (id BIGINT NOT NULL, cat STRING) USING snaplog");
    spark.sql("CREATE TABLE " + parts + " (id BIGINT NOT NULL, cat STRING) USING snaplog PARTITIONED BY (cat)");
    for (String name : List.of("plain", "parts")) {
      SharedSpark.api().loadTable(TableId.of(ns, name)).replaceSortOrder().desc("id").commit();
    }
    // ids in a scrambled order, two tasks
    String rows = "SELECT (id * 7919) % 1000 AS id, IF(id % 3 = 0, 'a', 'b') AS cat FROM range(0, 1000, 1, 2)";
    spark.sql("INSERT INTO " + plain + " " + rows);
    spark.sql("INSERT INTO " + parts + " " + rows);

    for (String name : List.of("plain", "parts")) {
      Table t = SharedSpark.api().loadTable(TableId.of(ns, name));
      List<List<Record>> files = rowsByFile(t);
      assertThat(files).as(name).hasSizeGreaterThanOrEqualTo(2);
      assertThat(files.stream().mapToInt(List::size).sum()).as(name).isEqualTo(1000);
      for (List<Record> file : files) {
        List<Long> ids = file.stream().map(r -> (Long) r.get("id")).toList();
        assertThat(ids).as(name).isSortedAccordingTo(Comparator.reverseOrder());
      }
    }
  }
}
