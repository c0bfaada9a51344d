package dev.snaplog.core.data;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes and reads a data file of every type with every codec, filter and projection included. Run in a JVM
 * whose class path has no Hadoop jar to prove the data path does not need Hadoop; see
 * {@link ParquetWithoutHadoopTest}.
 */
public final class HadoopFreeProbe {
  private HadoopFreeProbe() {}

  /** With argument {@code write}, only writes; otherwise writes and reads back. Prints OK on success. */
  public static void main(String[] args) throws Exception {
    boolean writeOnly = args.length > 0 && args[0].equals("write");
    Path dir = Files.createTempDirectory("snaplog-probe");
    LocalObjectStore store = new LocalObjectStore();
    List<Record> rows = AllTypes.rows(500, 11);
    for (WriteOptions.Compression codec : WriteOptions.Compression.values()) {
      String loc = dir.resolve(codec + ".parquet").toString();
      DataFile file;
      try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), AllTypes.SCHEMA, "probe",
          WriteOptions.defaults().withCompression(codec).withRowGroupRowLimit(100))) {
        rows.forEach(w::write);
        file = w.complete();
      }
      if (writeOnly) {
        Files.delete(Path.of(loc));
        continue;
      }
      Schema projection = AllTypes.SCHEMA.select(List.of("s", "id"));
      ReadMetrics metrics = new ReadMetrics();
      List<Record> back = ParquetFormat.read(store.newInputFile(loc), AllTypes.SCHEMA, projection,
          Expressions.bind(Expressions.lessThan("id", 150), AllTypes.SCHEMA), metrics).toList();
      List<Record> all = ParquetFormat.read(store.newInputFile(loc), AllTypes.SCHEMA, AllTypes.SCHEMA,
          Expressions.alwaysTrue()).toList();
      if (back.size() != 150 || metrics.rowGroupsSkipped() != 3 || !all.equals(rows)
          || file.recordCount() != rows.size()) {
        throw new AssertionError(codec + ": unexpected result " + back.size() + " " + metrics);
      }
      Files.delete(Path.of(loc));
    }
    Files.delete(dir);
    System.out.println("OK");
  }
}
