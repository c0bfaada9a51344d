package dev.snaplog.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A throw-away single-node Ceph cluster serving S3 through the RADOS Gateway: one monitor, one OSD on
 * {@code memstore} (data in memory), one {@code radosgw} on a free loopback port, authentication between the
 * daemons off, pool size 1. Everything lives in its own temporary directory on its own free ports, so
 * parallel builds each get their own cluster. It is stopped by a shutdown hook, and by a watchdog process if
 * the JVM dies without running its hooks.
 *
 * <p>Needs the Debian packages {@code radosgw ceph-mon ceph-osd ceph-common} ({@code .ci/run} installs them).
 * Starting takes about 9 s; the cluster uses 130-260 MB of memory.
 */
final class RgwCluster {
  static final String ACCESS_KEY = "snaplog-rgw-access";
  static final String SECRET_KEY = "snaplog-rgw-secret-0123456789";
  private static final List<String> BINARIES = List.of("ceph-mon", "ceph-osd", "radosgw", "radosgw-admin", "ceph",
      "monmaptool");
  private static final long START_TIMEOUT_S = 180;

  private final Path dir;
  private final Path conf;
  private final int rgwPort;
  private final List<Process> daemons = new ArrayList<>();

  private RgwCluster(Path dir, int rgwPort) {
    this.dir = dir;
    this.conf = dir.resolve("ceph.conf");
    this.rgwPort = rgwPort;
  }

  /** True when every Ceph binary the cluster needs is on the PATH. */
  static boolean installed() {
    return BINARIES.stream().allMatch(RgwCluster::onPath);
  }

  private static boolean onPath(String binary) {
    String path = System.getenv("PATH");
    for (String d : (path == null ? "/usr/bin:/usr/sbin:/bin" : path).split(":")) {
      if (Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return false;
  }

  /** Starts a cluster and returns it once the gateway answers S3 requests with the test user's keys. */
  static RgwCluster start() {
    if (!installed()) {
      throw new IllegalStateException("No S3 test server: SNAPLOG_TEST_S3_ENDPOINT is not set, Docker does not "
          + "answer, and Ceph is not installed (" + BINARIES + "). Fix: run .ci/run as root (it installs them) or "
          + "'apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd ceph-common'");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("snaplog-rgw-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RgwCluster cluster = new RgwCluster(dir, ServerProcess.freePort());
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "stop ceph rgw"));
    long t0 = System.nanoTime();
    try {
      cluster.boot();
    } catch (RuntimeException e) {
      cluster.stop(false);
      throw new IllegalStateException("Could not start the Ceph RGW test cluster: " + e.getMessage()
          + " (logs kept in " + dir.resolve("log") + ")", e);
    }
    System.out.printf("[snaplog] started Ceph RGW at %s in %d ms (cluster directory %s)%n", cluster.endpoint(),
        (System.nanoTime() - t0) / 1_000_000, dir);
    return cluster;
  }

  String endpoint() {
    return "http://127.0.0.1:" + rgwPort;
  }

  private void boot() {
    int monPort = ServerProcess.freePort();
    int monPort2 = ServerProcess.freePort();
    String fsid = UUID.randomUUID().toString();
    String monAddr = "[v2:127.0.0.1:" + monPort2 + ",v1:127.0.0.1:" + monPort + "]";
    for (String sub : List.of("run", "log", "mon.a", "osd.0", "rgw", "crash")) {
      mkdirs(dir.resolve(sub));
    }
    write(conf, config(fsid, monAddr));
    run("monmaptool", "--create", "--clobber", "--fsid", fsid, "--addv", "a", monAddr, dir.resolve("monmap").toString());
    run("ceph-mon", "-c", conf.toString(), "--mkfs", "-i", "a", "--monmap", dir.resolve("monmap").toString());
    daemon("mon", "ceph-mon", "-c", conf.toString(), "-i", "a", "-f");
    await("the monitor", () -> quietly("ceph", "-c", conf.toString(), "--connect-timeout", "2", "-s"));

    String osdUuid = UUID.randomUUID().toString();
    String osdId = run("ceph", "-c", conf.toString(), "osd", "new", osdUuid).trim();
    run("ceph-osd", "-c", conf.toString(), "-i", osdId, "--mkfs", "--osd-uuid", osdUuid);
    daemon("osd", "ceph-osd", "-c", conf.toString(), "-i", osdId, "-f");
    await("the OSD", () -> {
      String dump = output("ceph", "-c", conf.toString(), "osd", "dump");
      return dump != null && dump.lines().anyMatch(l -> l.startsWith("osd." + osdId + " up"));
    });

    daemon("rgw", "radosgw", "-c", conf.toString(), "-n", "client.rgw.a", "-f");
    await("the gateway", () -> ServerProcess.answers(endpoint()));
    run("radosgw-admin", "-c", conf.toString(), "-n", "client.admin", "user", "create", "--uid=snaplog",
        "--display-name=snaplog", "--access-key=" + ACCESS_KEY, "--secret-key=" + SECRET_KEY);
    startWatchdog();
  }

  private String config(String fsid, String monAddr) {
    // Facts behind the settings: radosgw hard-codes cephx and a secure mon mode for itself, so with
    // 'auth ... = none' its own section must override both or it loops on authentication; a size-1 pool
    // needs 'mon allow pool size one'; path-style addressing needs no DNS name; without 'tcp_nodelay=1' a small
    // response body waits ~40 ms for the client's delayed ACK (Nagle), a stall AWS S3 and MinIO do not have.
    return String.join("\n",
        "[global]",
        "fsid = " + fsid,
        "mon host = " + monAddr,
        "mon initial members = a",
        "public addr = 127.0.0.1",
        "public network = 127.0.0.0/8",
        "ms bind ipv6 = false",
        "auth cluster required = none",
        "auth service required = none",
        "auth client required = none",
        "auth supported = none",
        "run dir = " + dir.resolve("run"),
        "admin socket = " + dir.resolve("run") + "/$name.asok",
        "log file = " + dir.resolve("log") + "/$name.log",
        "crash dir = " + dir.resolve("crash"),
        "osd pool default size = 1",
        "osd pool default min size = 1",
        "mon allow pool size one = true",
        "mon warn on pool no redundancy = false",
        "osd pool default pg num = 8",
        "osd pool default pgp num = 8",
        "osd pool default pg autoscale mode = off",
        "mon max pg per osd = 1000",
        "osd crush chooseleaf type = 0",
        "mon allow pool delete = true",
        "mon data avail warn = 1",
        "mon data avail crit = 0",
        "[mon.a]",
        "mon data = " + dir.resolve("mon.a"),
        "paxos propose interval = 0.05",
        "paxos min wait = 0.01",
        "[osd.0]",
        "osd data = " + dir.resolve("osd.0"),
        "osd objectstore = memstore",
        "memstore device bytes = 2147483648",
        "osd op num shards = 1",
        "osd op num threads per shard = 2",
        "[client.rgw.a]",
        "rgw frontends = beast endpoint=127.0.0.1:" + rgwPort + " tcp_nodelay=1",
        "rgw data = " + dir.resolve("rgw"),
        "rgw thread pool size = 64",
        "rgw dns name = localhost",
        "auth client required = none",
        "ms mon client mode = crc",
        "");
  }

  /**
   * A shell that waits for this JVM to end and then stops the daemons: a JVM killed without running its
   * shutdown hooks (a surefire timeout, kill -9) must not leave a cluster behind.
   */
  private void startWatchdog() {
    StringBuilder pids = new StringBuilder();
    daemons.forEach(p -> pids.append(p.pid()).append(' '));
    String script = "tail --pid=" + ProcessHandle.current().pid() + " -f /dev/null; kill -9 " + pids
        + "2>/dev/null; rm -rf '" + dir + "'";
    try {
      new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      System.err.println("[snaplog] no watchdog for the RGW test cluster: " + e.getMessage());
    }
  }

  void stop() {
    stop(true);
  }

  private synchronized void stop(boolean wipe) {
    // SIGKILL: the OSD keeps its data in memory and the cluster is thrown away, so there is nothing to flush,
    // and radosgw can take over 10 s to stop on SIGTERM
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    daemons.clear();
    if (wipe) {
      deleteTree(dir);
    }
  }

  private void daemon(String name, String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("log").resolve(name + ".stdout").toFile()).start();
      daemons.add(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + cmd[0], e);
    }
  }

  /** Runs a command to completion; its output, or an exception naming the command and its output. */
  private String run(String... cmd) {
    String out = output(cmd);
    if (out == null) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed; see " + dir.resolve("log"));
    }
    return out;
  }

  private boolean quietly(String... cmd) {
    return output(cmd) != null;
  }

  /** stdout of a successful command, or null if it failed (its output then goes to the log directory). */
  private String output(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve("commands.stderr").toFile()))
          .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code ready} until it holds; fails if a daemon died or the start timeout passed. */
  private void await(String what, BooleanSupplier ready) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
    while (!ready.getAsBoolean()) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new IllegalStateException("a Ceph daemon exited with " + p.exitValue() + " while waiting for "
              + what);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not come up within " + START_TIMEOUT_S + " s");
      }
      try {
        Thread.sleep(100); // polling interval, not a wait for the event
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("[snaplog] could not remove " + root + ": " + e.getMessage());
    }
  }
}
