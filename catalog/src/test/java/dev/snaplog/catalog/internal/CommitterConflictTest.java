package dev.snaplog.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.catalog.WarehouseCatalog;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.io.Storage;
import dev.snaplog.manifest.TableLocations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conflict seam of the commit loop: validation of the commits in between, retry or real conflict. */
class CommitterConflictTest {
  private static final Schema SCHEMA = Schema.parse("id long not null");
  private static final TableId T = TableId.of("db", "t");

  @TempDir
  Path dir;
  private Storage storage;
  private Catalog catalog;
  private Table table;

  @BeforeEach
  void setUp() {
    storage = Catalogs.openStorage(dir.resolve("warehouse").toString(), Map.of());
    catalog = WarehouseCatalog.of(storage, Map.of());
    catalog.createNamespace("db");
    table = catalog.createTable(T, SCHEMA);
    table.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 1L))).commit();
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private TableOperations newOps() {
    return new TableOperations(T, storage, new TableLocations(storage.objects(), table.location()), Map.of());
  }

  private void concurrentAppend(long id) {
    catalog.loadTable(T).newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, id))).commit();
  }

  private static Committer.Outcome noDataChange(Committer committer, TableState base) {
    return new Committer.Next(committer.nextVersion(base, "test", Committer.nextTimestamp(base)).build());
  }

  @Test
  void aLostRaceThatValidatesIsRetriedAndEachConcurrentCommitIsValidatedOnce() {
    TableOperations ops = newOps();
    TableState read = ops.refresh();
    concurrentAppend(2);
    concurrentAppend(3);
    Committer committer = new Committer(ops);
    List<Long> validated = new ArrayList<>();
    int[] applies = {0};
    committer.commit("test", read, c -> validated.add(c.version()), base -> {
      applies[0]++;
      return noDataChange(committer, base);
    });
    assertThat(validated).containsExactly(read.version() + 1, read.version() + 2);
    assertThat(applies[0]).isEqualTo(2);
    assertThat(ops.refresh().version()).isEqualTo(read.version() + 3);
  }

  @Test
  void aRealConflictIsNeverRetriedAndNamesTheConflictingVersionAndFile() {
    TableOperations ops = newOps();
    TableState read = ops.refresh();
    concurrentAppend(2);
    long concurrentVersion = read.version() + 1;
    Committer committer = new Committer(ops);
    int[] applies = {0};
    int[] validations = {0};
    ConflictValidator refuseAdds = c -> {
      validations[0]++;
      if (!c.added().isEmpty()) {
        throw new CommitConflictException("added " + c.added().get(0).location(), T.toString(), read.version(),
            c.version(), c.added().get(0).location());
      }
    };
    assertThatThrownBy(() -> committer.commit("test", read, refuseAdds, base -> {
      applies[0]++;
      return noDataChange(committer, base);
    })).isInstanceOfSatisfying(CommitConflictException.class, e -> {
      assertThat(e.conflictingVersion()).hasValue(concurrentVersion);
      assertThat(e.conflictingFile()).isPresent();
      assertThat(e.version()).hasValue(read.version());
    });
    assertThat(applies[0]).isEqualTo(1); // the stale first attempt lost the race; the conflict ended it
    assertThat(validations[0]).isEqualTo(1);
    assertThat(ops.refresh().version()).isEqualTo(concurrentVersion);
  }

  @Test
  void concurrentCommitsStateWhatTheyChanged() {
    TableOperations ops = newOps();
    TableState read = ops.refresh();
    concurrentAppend(2);
    long snapshot = catalog.loadTable(T).currentSnapshot().orElseThrow().snapshotId();
    catalog.loadTable(T).manageRefs().createTag("t1", snapshot).commit();
    catalog.loadTable(T).newRollback().toSnapshot(read.metadata().currentSnapshot().orElseThrow().snapshotId())
        .commit();
    List<ConcurrentCommit> commits = ConcurrentCommit.between(ops.log(), read.version(), ops.refresh().metadata());
    assertThat(commits).extracting(ConcurrentCommit::operation).containsExactly("append", "refs", "rollback");
    assertThat(commits.get(0).changes(null)).isTrue();
    assertThat(commits.get(0).added()).hasSize(1);
    assertThat(commits.get(1).changes(null)).isFalse();
    assertThat(commits.get(2).changes(null)).isTrue();
    assertThat(commits.get(2).replacedFileSet()).isTrue();
  }
}
