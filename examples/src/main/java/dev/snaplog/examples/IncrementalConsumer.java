package dev.snaplog.examples;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.IncrementalScan;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A consumer that processes only the rows appended since its last run. It remembers the snapshot it processed
 * up to in a small state file and reads the changes from there to the current snapshot with an incremental
 * scan, which works from the log without opening files that did not change. The state is written after the
 * rows are processed, so a crash in between processes those rows again on the next run (at least once); make
 * the sink idempotent, or commit its output with a commit token, for exactly once.
 *
 * <p>Arguments: warehouse (default {@code ./warehouse}), table (default {@code examples.loaded}, what
 * {@link IdempotentLoader} writes), state file (default {@code ./consumer.state}).
 */
public final class IncrementalConsumer {
  private IncrementalConsumer() {}

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : Catalogs.DEFAULT_WAREHOUSE;
    TableId id = TableId.parse(args.length > 1 ? args[1] : IdempotentLoader.TABLE.toString());
    Path state = Path.of(args.length > 2 ? args[2] : "consumer.state");
    try (Catalog catalog = Catalogs.open(warehouse)) {
      long n = consume(catalog.loadTable(id), state, r -> System.out.println("  " + r));
      System.out.println("processed " + n + " new rows");
    }
  }

  /**
   * Hands every row added since the snapshot recorded in {@code stateFile} to {@code sink}, then records the
   * current snapshot there.
   *
   * @return the number of rows processed
   */
  public static long consume(Table table, Path stateFile, Consumer<Record> sink) {
    Optional<Snapshot> current = table.refresh().currentSnapshot();
    Optional<Long> last = readState(stateFile);
    if (current.isEmpty() || last.isPresent() && last.get() == current.get().snapshotId()) {
      return 0;
    }
    IncrementalScan scan = table.newIncrementalScan().toSnapshot(current.get().snapshotId());
    if (last.isPresent()) {
      scan = scan.fromSnapshot(last.get());
    }
    long n = 0;
    try (CloseableIterable<Record> rows = scan.addedRecords()) {
      for (Record r : rows) {
        sink.accept(r);
        n++;
      }
    }
    writeState(stateFile, current.get().snapshotId());
    return n;
  }

  private static Optional<Long> readState(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces the state file in one rename, so a crash leaves the old state or the new one. */
  private static void writeState(Path file, long snapshotId) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".consumer", ".tmp");
      Files.writeString(tmp, Long.toString(snapshotId), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
