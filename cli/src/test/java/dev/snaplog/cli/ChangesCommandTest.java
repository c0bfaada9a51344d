package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code changes}: the change feed in JSON, CSV and table form; compaction silent; bad ranges; in-process. */
class ChangesCommandTest extends CliTestBase {
  @BeforeEach
  void table() throws IOException {
    createEventsTable(); // ids 1 (a), 2 (b), 3 (null)
  }

  private long current() throws IOException {
    return json("describe", "db.events").get("current-snapshot-id").asLong();
  }

  /** Each change as "kind id msg snapshot". */
  private List<String> changes(String... range) throws IOException {
    List<String> args = new ArrayList<>(List.of("changes", "db.events"));
    args.addAll(List.of(range));
    List<String> out = new ArrayList<>();
    for (JsonNode c : json(args.toArray(String[]::new))) {
      out.add(c.get("_change").asText() + " " + c.get("id").asLong() + " "
          + (c.get("msg").isNull() ? "null" : c.get("msg").asText()) + " " + c.get("_snapshot_id").asLong());
    }
    return out;
  }

  @Test
  void reportsRowsDeletedThroughDeletionVectorsAndUpsertsAndNothingForACompaction() throws IOException {
    long first = current();
    assertThat(changes("--to", String.valueOf(first))).containsExactly(
        "insert 1 a " + first, "insert 2 b " + first, "insert 3 null " + first);

    ok("delete", "db.events", "--where", "id = 2");
    long deleted = current();
    ok("upsert", "db.events", "--key", "id", write("u.csv", "id,msg\n1,a2\n4,d\n").toString());
    long upserted = current();
    assertThat(changes("--from", String.valueOf(first))).containsExactly(
        "delete 2 b " + deleted,
        "delete 1 a " + upserted, "insert 1 a2 " + upserted, "insert 4 d " + upserted);

    ok("compact", "db.events");
    long compacted = current();
    assertThat(compacted).isNotEqualTo(upserted);
    assertThat(changes("--from", String.valueOf(upserted), "--to", String.valueOf(compacted))).isEmpty();
    assertThat(changes("--from", String.valueOf(deleted)))
        .containsExactly("delete 1 a " + upserted, "insert 1 a2 " + upserted, "insert 4 d " + upserted);

    CliResult table = ok("changes", "db.events", "--from", String.valueOf(deleted));
    assertThat(table.stdout()).contains("_change").contains("_snapshot_id").contains("delete").contains("a2");
    CliResult csv = ok("changes", "db.events", "--from", String.valueOf(deleted), "--format", "csv", "-n", "1");
    assertThat(csv.stdout().lines().toList()).hasSize(2);
    assertThat(csv.stdout().lines().findFirst().orElseThrow()).isEqualTo("_change,_snapshot_id,id,ts,msg");
  }

  @Test
  void aRangeAcrossARollbackOrAnUnknownSnapshotExitsFour() throws IOException {
    long first = current();
    ok("append", "db.events", write("two.csv", "id,msg\n5,e\n").toString());
    long second = current();
    ok("rollback", "db.events", "--to", String.valueOf(first));
    ok("append", "db.events", write("three.csv", "id,msg\n6,f\n").toString());
    assertThat(fails(4, "changes", "db.events", "--from", String.valueOf(second)).stderr())
        .contains("not an ancestor");
    assertThat(changes("--from", String.valueOf(first))).hasSize(1).allMatch(c -> c.startsWith("insert 6 f "));
    assertThat(run("changes", "db.events", "--from", "no-such-tag").exitCode()).isNotZero();
  }
}
