package dev.snaplog.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Record;
import dev.snaplog.core.Table;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each example program against a local warehouse and checks what it did to the table. */
class ExamplesTest {
  @TempDir
  Path dir;

  private String warehouse() {
    return dir.resolve("warehouse").toString();
  }

  @Test
  void theIdempotentLoaderKilledMidRunAndStartedAgainCommitsEveryBatchOnce() throws Exception {
    int batches = 8;
    int rows = 20;
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), IdempotentLoader.class.getName(),
        warehouse(), String.valueOf(batches), String.valueOf(rows)).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("committed batch 3 ")) {
        // wait until three batches are in, then kill it somewhere in the fourth
      }
      assertThat(line).as("the loader reports its third batch").isNotNull();
    }
    child.destroyForcibly().waitFor();

    IdempotentLoader.main(new String[] {warehouse(), String.valueOf(batches), String.valueOf(rows)});
    IdempotentLoader.main(new String[] {warehouse(), String.valueOf(batches), String.valueOf(rows)}); // no-op
    try (Catalog c = Catalogs.open(warehouse())) {
      Table t = c.loadTable(IdempotentLoader.TABLE);
      List<Long> ids = new ArrayList<>();
      t.newScan().records().forEach(r -> ids.add((Long) r.get("id")));
      Set<Long> want = new HashSet<>();
      for (int n = 1; n <= batches; n++) {
        IdempotentLoader.batch(n, rows).forEach(r -> want.add((Long) r.get("id")));
      }
      assertThat(ids).hasSize(batches * rows).doesNotHaveDuplicates();
      assertThat(new HashSet<>(ids)).isEqualTo(want);
      assertThat(t.history()).as("one version per batch").hasSize(batches);
    }
  }

  @Test
  void theCdcConsumerMirrorsTheSourceAndAReplayedBatchChangesNothing() {
    CdcUpsert.main(new String[] {warehouse()});
    try (Catalog c = Catalogs.open(warehouse())) {
      Table t = c.loadTable(CdcUpsert.TABLE);
      Map<Long, String> want = Map.of(1L, "Ada:120", 2L, "Brian:65", 4L, "Dana:10", 5L, "Eve:5");
      assertThat(state(t)).isEqualTo(want);
      long version = t.version();
      // the consumer restarts and gets batch 3 again: its tokens are committed, nothing changes
      CdcUpsert.apply(t, 3, List.of(CdcUpsert.ChangeEvent.delete(1), CdcUpsert.ChangeEvent.upsert(1, "Ada", 120),
          CdcUpsert.ChangeEvent.upsert(5, "Eve", 5)));
      assertThat(t.refresh().version()).isEqualTo(version);
      assertThat(state(t)).isEqualTo(want);
    }
  }

  @Test
  void theMirrorFollowsTheChangeFeedThroughUpsertsDeletesAndACompaction() {
    CdcUpsert.main(new String[] {warehouse()});
    try (Catalog c = Catalogs.open(warehouse())) {
      Table t = c.loadTable(CdcUpsert.TABLE);
      ChangeFeedMirror mirror = new ChangeFeedMirror("id");
      assertThat(mirror.sync(t)).isPositive();
      assertThat(copy(mirror)).isEqualTo(state(t));
      assertThat(mirror.sync(t)).as("nothing new").isZero();
      CdcUpsert.apply(t, 4, List.of(CdcUpsert.ChangeEvent.delete(2), CdcUpsert.ChangeEvent.upsert(4, "Dana", 99),
          CdcUpsert.ChangeEvent.upsert(6, "Finn", 1)));
      assertThat(mirror.sync(t)).as("delete 2, replace 4, insert 6").isEqualTo(4);
      assertThat(copy(mirror)).isEqualTo(state(t)).containsEntry(4L, "Dana:99").doesNotContainKey(2L);
      t.newRewrite().commit();
      assertThat(mirror.sync(t)).as("a compaction changes no row").isZero();
      assertThat(copy(mirror)).isEqualTo(state(t));
    }
  }

  private static Map<Long, String> copy(ChangeFeedMirror mirror) {
    Map<Long, String> out = new HashMap<>();
    mirror.rows().forEach((k, r) -> out.put((Long) k, r.get("name") + ":" + r.get("balance")));
    return out;
  }

  private static Map<Long, String> state(Table t) {
    Map<Long, String> out = new HashMap<>();
    t.refresh().newScan().records().forEach(r ->
        assertThat(out.put((Long) r.get("id"), r.get("name") + ":" + r.get("balance"))).isNull());
    return out;
  }

  @Test
  void theErasureLeavesNoRowOfThePersonInAnyFileInStorage() throws IOException {
    String email = "erase.me@example.com";
    GdprErasure.main(new String[] {warehouse(), email});
    try (Catalog c = Catalogs.open(warehouse())) {
      Table t = c.loadTable(GdprErasure.TABLE);
      assertThat(t.newScan().filter(Expressions.equal("email", email)).records().toList()).isEmpty();
      assertThat(t.newScan().records().toList()).hasSize(27);
      Set<String> live = new HashSet<>();
      for (FileScanTask task : t.newScan().planFiles().toList()) {
        live.add(Path.of(task.file().location()).toAbsolutePath().normalize().toString());
        assertThat(task.file().deletionVector()).isEmpty();
      }
      Path tableDir = dir.resolve("warehouse/examples/orders");
      List<Path> dataOnDisk;
      try (Stream<Path> s = Files.walk(tableDir.resolve("data"))) {
        dataOnDisk = s.filter(Files::isRegularFile).toList();
      }
      assertThat(dataOnDisk.stream().map(p -> p.toAbsolutePath().normalize().toString()))
          .as("only the live data files are left").containsExactlyInAnyOrderElementsOf(live);
      try (LocalObjectStore store = new LocalObjectStore()) {
        for (Path p : dataOnDisk) {
          for (Record r : ParquetFormat.read(store.newInputFile(p.toString()), GdprErasure.SCHEMA,
              GdprErasure.SCHEMA, Expressions.alwaysTrue())) {
            assertThat(r.get("email")).isNotEqualTo(email);
          }
        }
      }
      assertThat(tableDir.resolve("deletes")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
          p -> assertThat(Files.list(p)).isEmpty());
      assertThat(t.verify(true).problems()).isEmpty();
    }
  }

  @Test
  void theIncrementalConsumerProcessesOnlyWhatWasAddedSinceItsLastRun() {
    Path state = dir.resolve("consumer.state");
    IdempotentLoader.main(new String[] {warehouse(), "2", "5"});
    try (Catalog c = Catalogs.open(warehouse())) {
      Table t = c.loadTable(IdempotentLoader.TABLE);
      List<Long> seen = new ArrayList<>();
      assertThat(IncrementalConsumer.consume(t, state, r -> seen.add((Long) r.get("id")))).isEqualTo(10);
      assertThat(IncrementalConsumer.consume(t, state, r -> seen.add((Long) r.get("id")))).isZero();
      IdempotentLoader.main(new String[] {warehouse(), "3", "5"}); // batch 3 is new
      assertThat(IncrementalConsumer.consume(t, state, r -> seen.add((Long) r.get("id")))).isEqualTo(5);
      List<Long> want = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        IdempotentLoader.batch(n, 5).forEach(r -> want.add((Long) r.get("id")));
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(want);
    }
  }
}
