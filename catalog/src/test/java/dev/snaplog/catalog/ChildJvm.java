package dev.snaplog.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Starts a main class of the test class path in a new JVM and collects its stdout lines as they come. */
final class ChildJvm {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final Thread reader;

  ChildJvm(Class<?> main, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
          if (line.equals("READY")) {
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the child was killed mid-line; what was read is kept
      } finally {
        ready.countDown();
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  void awaitReady() throws InterruptedException {
    ready.await();
  }

  /**
   * Waits until the child has printed {@code count} lines starting with {@code prefix}.
   *
   * @return false if the child ended (or two minutes passed) before that
   */
  boolean awaitLines(String prefix, int count) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    synchronized (lines) {
      while (lines.stream().filter(l -> l.startsWith(prefix)).count() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
          return false;
        }
        lines.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
      }
      return true;
    }
  }

  /** Writes one line to the child's standard input. */
  void send(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Closes the child's standard input (end of commands). */
  void endInput() throws IOException {
    process.getOutputStream().close();
  }

  /** SIGKILL: no shutdown hooks, no flushing, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join(10_000);
  }

  int waitFor() throws InterruptedException {
    int code = process.waitFor();
    reader.join(10_000);
    return code;
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
