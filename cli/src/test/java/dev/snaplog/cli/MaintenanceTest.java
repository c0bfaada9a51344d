package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** expire, orphans and verify, in-process, against db.events. */
class MaintenanceTest extends CliTestBase {
  private long first;

  @BeforeEach
  void table() throws IOException {
    createEventsTable();
    first = json("log", "db.events").get(0).get("snapshot-id").asLong();
  }

  /** A second append, then a rollback to the first: the second append's data file is dead history. */
  private Path appendThenRollBack() throws IOException {
    List<Path> before = dataFiles("db", "events");
    ok("append", "db.events", write("two.csv", "id,msg\n4,d\n5,e\n").toString());
    List<Path> after = dataFiles("db", "events");
    after.removeAll(before);
    assertThat(after).hasSize(1);
    ok("rollback", "db.events", "--to", String.valueOf(first));
    return after.get(0);
  }

  private static String future() {
    return Instant.now().plusSeconds(3600).toString();
  }

  @Test
  void expireAfterRollbackDeletesDeadDataFilesAndTheTableStaysSound() throws IOException {
    Path dead = appendThenRollBack();
    List<Path> live = dataFiles("db", "events");
    live.remove(dead);
    long version = version("db.events");

    JsonNode dry = json("expire", "db.events", "--retain-last", "1", "--dry-run");
    assertThat(dry.get("dry-run").asBoolean()).isTrue();
    assertThat(dry.get("expired-versions").asLong()).isPositive();
    assertThat(dry.get("deleted-files").asLong()).isZero();
    assertThat(dead).exists();
    assertThat(version("db.events")).isEqualTo(version);

    JsonNode r = json("expire", "db.events", "--retain-last", "1");
    assertThat(r.fieldNames()).toIterable().containsExactly("table", "dry-run", "oldest-retained-version",
        "expired-versions", "deleted-files", "deleted-data-files", "version");
    assertThat(r.get("oldest-retained-version").asLong()).isEqualTo(dry.get("oldest-retained-version").asLong());
    assertThat(r.get("deleted-data-files").asLong()).isEqualTo(1);
    assertThat(r.get("deleted-files").asLong()).isGreaterThan(1);
    assertThat(dead).doesNotExist();
    assertThat(dataFiles("db", "events")).containsExactlyInAnyOrderElementsOf(live);

    assertThat(ok("verify", "db.events").stdout()).contains("ok:", "true");
    assertThat(ok("scan", "db.events", "--format", "csv").stdoutLines()).hasSize(4);
    // the rolled-back-to snapshot is current, so it survived expiry
    assertThat(json("show", "db.events", "--snapshot", String.valueOf(first)).get("total-records").asLong())
        .isEqualTo(3);
  }

  @Test
  void expireOlderThanInTheFutureAndTheDefaultTextOutput() throws IOException {
    Path dead = appendThenRollBack();
    // the default (5 days) keeps everything of a table minutes old
    assertThat(ok("expire", "db.events").stdout()).startsWith("Expired 0 versions of db.events");
    assertThat(dead).exists();
    assertThat(ok("expire", "db.events", "--older-than", future(), "--dry-run").stdout())
        .startsWith("Would expire").contains("dry run");
    assertThat(dead).exists();
    assertThat(ok("expire", "db.events", "--older-than", future()).stdout()).contains("1 of them data files");
    assertThat(dead).doesNotExist();
    ok("verify", "db.events");
  }

  @Test
  void orphansListsAnUncommittedDataFileOnlyPastTheSafetyAge() throws IOException, InterruptedException {
    String orphan;
    try (Catalog catalog = Catalogs.open(warehouse().toString())) {
      Table t = catalog.loadTable(TableId.parse("db.events"));
      try (DataWriter w = t.newDataWriter()) {
        w.write(GenericRecord.of(t.schema(), 99L, null, "never committed"));
        DataFile f = w.complete();
        orphan = f.location();
      }
    }
    String name = orphan.substring(orphan.lastIndexOf('/') + 1);
    Path file = dataFiles("db", "events").stream().filter(p -> p.getFileName().toString().equals(name))
        .findFirst().orElseThrow();
    long version = version("db.events");
    // orphan removal cuts off on whole seconds: wait until the file's second has passed on this (the store's)
    // clock, so that a cut-off of "now" is later than the file however fast the machine is
    long nextSecond = (Math.floorDiv(Files.getLastModifiedTime(file).toMillis(), 1000L) + 1) * 1000L;
    while (System.currentTimeMillis() <= nextSecond) {
      Thread.onSpinWait();
    }

    // default safety age (3 days): a fresh file is not a candidate
    JsonNode young = json("orphans", "db.events");
    assertThat(young.get("orphans").asLong()).isZero();
    assertThat(file).exists();
    // orphan cut-offs fall on whole seconds: the file is older than "now" once the clock enters a later second
    long written = java.nio.file.Files.getLastModifiedTime(file).toMillis();
    while (System.currentTimeMillis() / 1000 <= written / 1000) {
      Thread.sleep(5);
    }

    JsonNode dry = json("orphans", "db.events", "--older-than", future(), "--dry-run");
    assertThat(dry.fieldNames()).toIterable().containsExactly("table", "older-than", "dry-run", "orphans", "files");
    assertThat(dry.get("orphans").asLong()).isEqualTo(1);
    assertThat(dry.get("files").get(0).get("path").asText()).startsWith("data/").endsWith(name);
    assertThat(dry.get("files").get(0).get("deleted").asBoolean()).isFalse();
    assertThat(file).exists();
    assertThat(ok("orphans", "db.events", "--older-than", future(), "--dry-run", "--format", "csv").stdoutLines())
        .hasSize(2).first().isEqualTo("path,deleted");

    CliResult removed = ok("orphans", "db.events", "--older-than", future());
    assertThat(removed.stdout()).contains(name, "orphans:");
    assertThat(file).doesNotExist();
    // nothing the table uses was touched; the run committed its orphan horizon (one version, no data change)
    assertThat(version("db.events")).isEqualTo(version + 1);
    ok("verify", "db.events");
    assertThat(ok("scan", "db.events", "--format", "csv").stdoutLines()).hasSize(4);
    assertThat(json("orphans", "db.events", "--older-than", future(), "--dry-run").get("orphans").asLong())
        .isZero();
  }

  @Test
  void verifyNamesAMissingDataFileAndExitsWithTheDamagedTableCode() throws IOException {
    JsonNode clean = json("verify", "db.events");
    assertThat(clean.fieldNames()).toIterable().containsExactly("table", "version", "versions-checked",
        "objects-checked", "ok", "problems");
    assertThat(clean.get("ok").asBoolean()).isTrue();
    assertThat(clean.get("objects-checked").asLong()).isPositive();
    assertThat(clean.get("problems")).isEmpty();

    Path data = dataFiles("db", "events").get(0);
    Files.delete(data);
    String name = data.getFileName().toString();
    CliResult r = fails(ExitCodes.STORAGE, "verify", "db.events");
    assertThat(r.stderr()).contains("db.events", "damaged", name);
    assertThat(r.stdout()).contains("ok:", "false", "problems:", name + " is missing");
    assertThat(r.stdoutLines().stream().filter(l -> l.contains(name))).hasSize(1);

    CliResult json = run("verify", "db.events", "--format", "json");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.STORAGE);
    JsonNode doc = CliFlowContract.JSON.readTree(json.stdout());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.get("problems")).hasSize(1);
    assertThat(doc.get("problems").get(0).get("problem").asText()).contains(name, "missing");
  }
}
