package dev.snaplog.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a test S3 server jar as a child JVM: finds the jar, picks a port, waits for HTTP, stops on JVM exit. */
final class ServerProcess {
  private ServerProcess() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Scratch space for server data and logs: {@code snaplog.test.work.dir}, else {@code target/test-s3}. */
  static Path workDir(String name) {
    String base = System.getProperty("snaplog.test.work.dir", Paths.get("target", "test-s3").toString());
    Path dir = Paths.get(base, name).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * The server jar: system property {@code property}, else {@code target/test-servers/<fileName>} of this or
   * the s3-io module, else the local Maven repository (s3-io's build resolves it there).
   */
  static Path findJar(String property, String fileName, String repoPath) {
    List<Path> candidates = new ArrayList<>();
    String explicit = System.getProperty(property);
    if (explicit != null) {
      candidates.add(Paths.get(explicit));
    }
    candidates.add(Paths.get("target", "test-servers", fileName));
    candidates.add(Paths.get("..", "s3-io", "target", "test-servers", fileName));
    String repo = System.getProperty("maven.repo.local",
        Paths.get(System.getProperty("user.home"), ".m2", "repository").toString());
    candidates.add(Paths.get(repo, repoPath));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException("Test S3 server jar " + fileName + " not found; looked at " + candidates
        + ". Fix: run 'mvn -pl s3-io generate-test-resources' (it copies the jar) or set -D" + property);
  }

  /** Starts {@code java -jar jar args...}, logging to {@code log}, and waits until {@code url} answers HTTP. */
  static Process start(Path jar, List<String> args, Path log, String url) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + jar, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p), "stop " + jar.getFileName()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(jar.getFileName() + " exited with " + p.exitValue() + "; see " + log);
      }
      if (answers(url)) {
        return p;
      }
      sleep(200);
    }
    stop(p);
    throw new IllegalStateException(jar.getFileName() + " did not answer at " + url + " within 90 s; see " + log);
  }

  static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether an HTTP server answers at {@code url} (any status). */
  static boolean answers(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      int code = c.getResponseCode();
      c.disconnect();
      return code > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
