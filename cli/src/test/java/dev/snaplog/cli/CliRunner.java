package dev.snaplog.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code snaplog} three ways: in this JVM (fast, for many small cases), in a child JVM on the test class
 * path (a real process, in the test phase), and through {@code bin/snaplog} with the shaded jar (exactly what a
 * user runs; needs the package phase, so only integration tests use it).
 */
public interface CliRunner {
  CliResult run(Map<String, String> env, String... args);

  static CliRunner inProcess() {
    return (env, args) -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
          PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
        code = SnaplogCli.execute(args, env, o, e, Clock.systemUTC());
      }
      return new CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    };
  }

  static CliRunner childJvm() {
    return (env, args) -> {
      List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), SnaplogCli.class.getName()));
      cmd.addAll(List.of(args));
      return exec(cmd, env);
    };
  }

  /** bin/snaplog, located by the failsafe configuration (see cli/pom.xml). */
  static CliRunner launcher() {
    String launcher = System.getProperty("snaplog.launcher");
    if (launcher == null) {
      throw new IllegalStateException("system property snaplog.launcher is not set; run through failsafe");
    }
    return (env, args) -> {
      List<String> cmd = new ArrayList<>(List.of(Path.of(launcher).toAbsolutePath().toString()));
      cmd.addAll(List.of(args));
      return exec(cmd, env);
    };
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static CliResult exec(List<String> cmd, Map<String, String> env) {
    try {
      Path out = Files.createTempFile("snaplog-out", ".txt");
      Path err = Files.createTempFile("snaplog-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> penv = pb.environment();
      penv.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SNAPLOG_"));
      penv.putAll(new HashMap<>(env));
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("snaplog did not finish within 120 s: " + cmd);
      }
      CliResult r = new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
