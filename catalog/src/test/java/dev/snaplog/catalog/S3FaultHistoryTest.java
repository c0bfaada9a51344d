package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.s3.S3Config;
import dev.snaplog.s3.testing.FaultProxy;
import dev.snaplog.s3.testing.S3TestServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Randomised histories under injected faults: several writer processes ({@link FaultWorker}, one JVM each for the
 * whole run, one table per history) append with commit
 * tokens, roll back, tag and expire through {@link FaultProxy}s between their SDK and the test server, which drop
 * responses after the server applied the request, reset connections, delay, answer 500/503 and cut bodies
 * short. Then the history is checked against what the writers were told:
 * <ul>
 *   <li>every acknowledged append is in the history exactly once (unless expiry removed its version),
 *   <li>no commit token landed twice, acknowledged or not, and no row is in the table twice,
 *   <li>the versions form one linear chain and {@code verify} finds nothing missing,
 *   <li>every operation that failed did so with a typed Snaplog exception.
 * </ul>
 * {@code -Dsnaplog.faults.histories=N} (default 20) sets the number of histories, {@code -Dsnaplog.faults.seed}
 * the first seed; each history's seed is printed, so a failure can be replayed.
 */
class S3FaultHistoryTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");
  private static final int WRITERS = 3;
  private static final int OPERATIONS = 6;
  private static final double FAULT_RATE = 0.15;

  private final S3TestServer s3 = S3TestServer.shared();

  @Test
  void acknowledgedCommitsLandExactlyOnceUnderInjectedFaults() throws Exception {
    int histories = Integer.getInteger("snaplog.faults.histories", 20);
    long firstSeed = Long.getLong("snaplog.faults.seed", 20261202L);
    String warehouse = s3.newWarehouse("faults");
    try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
      c.createNamespace("db");
    }
    Map<FaultProxy.Fault, Integer> faults = new EnumMap<>(FaultProxy.Fault.class);
    int acked = 0;
    int failed = 0;
    long t0 = System.nanoTime();
    // one proxy and one writer process per writer for the whole run; the proxies are reseeded per history, so
    // each history's faults depend on its seed only
    List<FaultProxy> proxies = new ArrayList<>();
    List<ChildJvm> writers = new ArrayList<>();
    try {
      for (int w = 0; w < WRITERS; w++) {
        // the conformance probe's objects pass untouched: its verdict under faults is not what is tested here
        FaultProxy proxy = new FaultProxy(s3.endpoint(), 0, FAULT_RATE,
            path -> path.contains(".snaplog-probe") || path.endsWith("_conformance.json"));
        proxies.add(proxy);
        Map<String, String> props = new HashMap<>(s3.properties());
        props.put(S3Config.ENDPOINT, proxy.endpoint());
        props.put(S3Config.SOCKET_TIMEOUT_MS, "10000");
        List<String> args = new ArrayList<>(List.of(warehouse, String.valueOf(w), String.valueOf(OPERATIONS)));
        props.forEach((k, v) -> args.add(k + "=" + v));
        writers.add(new ChildJvm(FaultWorker.class, args.toArray(new String[0])));
      }
      for (int h = 0; h < histories; h++) {
        long seed = firstSeed + h;
        HistoryOutcome o = runHistory(warehouse, TableId.of("db", "h" + h), seed, h, proxies, writers);
        o.faults().forEach((f, n) -> faults.merge(f, n, Integer::sum));
        acked += o.acknowledged();
        failed += o.failed();
      }
      for (ChildJvm w : writers) {
        w.endInput();
        assertThat(w.waitFor()).as("writer exit code; output %s", w.lines()).isZero();
      }
    } finally {
      proxies.forEach(FaultProxy::close);
      for (ChildJvm w : writers) {
        w.kill();
      }
    }
    System.out.printf("[snaplog] fault histories: %d (seeds %d..%d), %d writers x %d operations each, %.0f s;"
        + " acknowledged commits %d, failed with a typed error %d; requests by fault: %s%n", histories, firstSeed,
        firstSeed + histories - 1, WRITERS, OPERATIONS, (System.nanoTime() - t0) / 1e9, acked, failed, faults);
    assertThat(acked).as("the writers did commit").isGreaterThan(histories * WRITERS);
    assertThat(faults.getOrDefault(FaultProxy.Fault.DROP_RESPONSE, 0)).as("faults were injected").isPositive();
  }

  private record HistoryOutcome(int acknowledged, int failed, Map<FaultProxy.Fault, Integer> faults) {}

  private HistoryOutcome runHistory(String warehouse, TableId table, long seed, int index, List<FaultProxy> proxies,
      List<ChildJvm> writers) throws Exception {
    try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
      c.createTable(table, SCHEMA, Map.of("checkpoint.interval", "4"));
    }
    List<Integer> seen = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      proxies.get(w).reseed(seed * 31 + w);
      seen.add(writers.get(w).lines().size());
      writers.get(w).send("RUN " + table + " " + (seed * 17 + w));
    }
    List<String> lines = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      ChildJvm writer = writers.get(w);
      assertThat(writer.awaitLines("DONE", index + 1)).as("seed %d: writer %d finished; output %s", seed, w,
          writer.lines()).isTrue();
      List<String> all = writer.lines();
      lines.addAll(all.subList(seen.get(w), all.size()));
    }
    Map<FaultProxy.Fault, Integer> faults = new EnumMap<>(FaultProxy.Fault.class);
    proxies.forEach(p -> p.counts().forEach((f, n) -> faults.merge(f, n, Integer::sum)));
    return check(warehouse, table, seed, lines, faults);
  }

  private HistoryOutcome check(String warehouse, TableId table, long seed, List<String> lines,
      Map<FaultProxy.Fault, Integer> faults) {
    String as = "seed " + seed + " (" + faults + ")";
    assertThat(lines).as(as + ": every failure is a typed Snaplog exception").noneMatch(l -> l.startsWith("UNTYPED"));
    Map<String, Long> ackedAppends = new HashMap<>();
    Set<String> failedAppends = new HashSet<>();
    int failed = 0;
    for (String l : lines) {
      String[] p = l.split(" ");
      if (p[0].equals("ACK") && p[1].equals("append")) {
        ackedAppends.put(p[2], Long.parseLong(p[3]));
      } else if (p[0].equals("FAILED")) {
        failed++;
        if (p[1].equals("append")) {
          failedAppends.add(p[2]);
        }
      }
    }
    try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
      Table t = c.loadTable(table);
      long floor = t.expireSnapshots().retainLast(Integer.MAX_VALUE).apply().oldestRetainedVersion();
      List<HistoryEntry> history = t.history();
      List<Long> versions = history.stream().map(HistoryEntry::version).toList();
      assertThat(versions).as(as + ": versions newest first, each once").isSortedAccordingTo((a, b) -> Long.compare(b, a))
          .doesNotHaveDuplicates();
      Map<String, Long> landedTokens = new HashMap<>();
      for (HistoryEntry e : history) {
        if (e.operation().equals("append")) {
          String token = t.snapshot(e.snapshotId()).summary().get("fault-op");
          Long before = landedTokens.put(token, e.snapshotId());
          assertThat(before).as(as + ": commit token %s landed twice", token).isNull();
          assertThat(ackedAppends.containsKey(token) || failedAppends.contains(token))
              .as(as + ": %s landed but was never sent", token).isTrue();
        }
      }
      for (Map.Entry<String, Long> a : ackedAppends.entrySet()) {
        long version = a.getValue() >>> 16; // snapshot ids carry their version in the high bits
        if (version >= floor) {
          assertThat(landedTokens.get(a.getKey())).as(as + ": acknowledged append %s (snapshot %d, floor %d)",
              a.getKey(), a.getValue(), floor).isEqualTo(a.getValue());
        }
      }
      List<Snapshot> chain = t.snapshots();
      for (int i = 0; i + 1 < chain.size(); i++) {
        assertThat(chain.get(i).parentId()).as(as + ": one linear chain").contains(chain.get(i + 1).snapshotId());
        assertThat(chain.get(i).timestampMillis()).isGreaterThan(chain.get(i + 1).timestampMillis());
      }
      assertThat(t.verify().problems()).as(as + ": verify").isEmpty();
      List<Long> ids = new ArrayList<>();
      for (Record r : t.newScan().records().toList()) {
        ids.add((Long) r.get("id"));
        String token = (String) r.get("msg");
        assertThat(ackedAppends.containsKey(token) || failedAppends.contains(token)).as(as + ": row of %s", token)
            .isTrue();
      }
      assertThat(ids).as(as + ": no row twice").doesNotHaveDuplicates();
    }
    return new HistoryOutcome(ackedAppends.size(), failed, faults);
  }
}
