package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/snaplog records a class data sharing archive on its first run after a build and starts from it after
 * that. Each case runs the launcher on its own copy of the shaded jar, so archives never mix between cases.
 */
class LauncherClassArchiveIT {
  @TempDir Path tmp;
  private Path jar;

  @BeforeEach
  void copyJar() throws IOException {
    Path launcher = Path.of(System.getProperty("snaplog.launcher")).toAbsolutePath();
    Path built = launcher.getParent().getParent().resolve("cli/target/snaplog.jar");
    jar = Files.copy(built, tmp.resolve("snaplog.jar"));
  }

  @Test
  void firstRunRecordsAnArchiveAndTheNextRunLoadsClassesFromIt() throws IOException {
    run(Map.of(), "--version");
    List<Path> archives = archives();
    assertThat(archives).hasSize(1);

    Path classLog = tmp.resolve("classes.log");
    CliResult second = run(Map.of("SNAPLOG_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "--version");
    assertThat(second.stdout()).startsWith("snaplog ");
    assertThat(Files.readString(classLog)).contains("source: shared objects file (top)");
    assertThat(archives()).isEqualTo(archives);
  }

  @Test
  void aRebuiltJarGetsANewArchiveAndTheOldOneGoes() throws IOException {
    run(Map.of(), "--version");
    List<Path> before = archives();
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

    run(Map.of(), "--version");
    List<Path> after = archives();
    assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void switchedOffItRecordsNothing() throws IOException {
    run(Map.of("SNAPLOG_CDS", "off"), "--version");
    assertThat(archives()).isEmpty();
  }

  private CliResult run(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("SNAPLOG_JAR", jar.toString());
    env.put("SNAPLOG_WAREHOUSE", tmp.resolve("warehouse").toString());
    CliResult r = CliRunner.launcher().run(env, args);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r;
  }

  private List<Path> archives() throws IOException {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }
}
