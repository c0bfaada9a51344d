package dev.snaplog.spark;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Record;
import dev.snaplog.core.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of this test JVM (starting one takes tens of seconds on a busy machine), in local mode
 * with two cores and up to four attempts per task, and a Snaplog catalog named {@code snaplog} over a fresh
 * local warehouse. Test classes share it and keep apart by using their own namespaces.
 */
final class SharedSpark {
  private static SparkSession spark;
  private static Path warehouse;
  private static Catalog api;
  private static dev.snaplog.core.io.Storage storage;

  private SharedSpark() {}

  static synchronized SparkSession spark() {
    if (spark == null) {
      try {
        Path root = Paths.get("target", "spark-tests").toAbsolutePath();
        Files.createDirectories(root);
        warehouse = Files.createTempDirectory(root, "warehouse-");
        spark = SparkSession.builder()
            .master("local[2,4]")
            .appName("snaplog-spark-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.timeType.enabled", "true")
            .config("spark.sql.warehouse.dir", root.resolve("spark-warehouse").toString())
            .config("spark.sql.catalog.snaplog", SnaplogCatalog.class.getName())
            .config("spark.sql.catalog.snaplog.warehouse", warehouse.toString())
            .getOrCreate();
        api = Catalogs.open(warehouse.toString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return spark;
  }

  static Path warehouse() {
    spark();
    return warehouse;
  }

  /** The warehouse's storage, to read and write its objects directly. */
  static synchronized dev.snaplog.core.io.Storage storage() {
    if (storage == null) {
      storage = dev.snaplog.catalog.Catalogs.openStorage(warehouse().toString(), java.util.Map.of());
    }
    return storage;
  }

  /** Snaplog's own API over the same warehouse, to check what Spark did. */
  static Catalog api() {
    spark();
    return api;
  }

  /** A namespace of its own for a test class, created in the warehouse. */
  static String newNamespace(String prefix) {
    String ns = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    spark().sql("CREATE NAMESPACE snaplog." + ns);
    return ns;
  }

  /** Every row of a table as Snaplog's API reads it. */
  static List<Record> apiRows(TableId id) {
    try (CloseableIterable<Record> rows = api().loadTable(id).newScan().records()) {
      return rows.toList();
    }
  }

  /** The Parquet files in a table's data folder on disk, whatever the log says. */
  static List<Path> dataFilesOnDisk(TableId id) {
    Path data = warehouse().resolve(id.namespace()).resolve(id.name()).resolve("data");
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(data)) {
      return new ArrayList<>(files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The data files the table's current snapshot holds, by location. */
  static List<String> dataFilesInTable(TableId id) {
    return api().loadTable(id).newScan().planFiles().toList().stream().map(t -> t.file().location()).sorted()
        .toList();
  }
}
