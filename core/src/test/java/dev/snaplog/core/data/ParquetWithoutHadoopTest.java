package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins down the Hadoop footprint measured for core/README.md by running {@link HadoopFreeProbe} in a child
 * JVM with jars taken off the class path. Fails when a change starts to need Hadoop's runtime or a native
 * codec library.
 */
class ParquetWithoutHadoopTest {
  private static final List<String> NEVER_NEEDED = List.of("hadoop-client-runtime", "snappy-java", "zstd-jni");

  @Test
  void writingLoadsNoHadoopClassAtAll() throws Exception {
    String out = runProbe(classPathWithout("hadoop-client-api"), "write");

    assertThat(out).contains("OK");
    assertThat(hadoopClasses(out)).isEmpty();
  }

  @Test
  void readingNeedsOnlyHadoopClientApiAndNoNativeCodec() throws Exception {
    String out = runProbe(classPathWithout(), "read");

    assertThat(out).contains("OK");
    // ParquetReadOptions.Builder touches ParquetInputFormat, whose superclass is Hadoop's FileInputFormat
    assertThat(hadoopClasses(out)).allMatch(line -> line.contains("hadoop-client-api"))
        .anyMatch(line -> line.contains("org.apache.hadoop.mapreduce.lib.input.FileInputFormat"))
        .noneMatch(line -> line.contains("org.apache.hadoop.conf.Configuration "));
  }

  private static List<String> hadoopClasses(String verboseOutput) {
    return verboseOutput.lines().filter(l -> l.contains("[class,load] org.apache.hadoop.")).toList();
  }

  private static String classPathWithout(String... alsoDrop) {
    String full = System.getProperty("java.class.path");
    // a manifest-only launcher jar would hide the entries this test must remove
    assertThat(full).contains("parquet-hadoop").contains("hadoop-client-api");
    List<String> drop = new ArrayList<>(NEVER_NEEDED);
    drop.addAll(Arrays.asList(alsoDrop));
    return Arrays.stream(full.split(File.pathSeparator))
        .filter(entry -> drop.stream().noneMatch(entry::contains))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String runProbe(String classPath, String mode) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-verbose:class", "-cp", classPath,
        HadoopFreeProbe.class.getName(), mode).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text.lines().filter(l -> !l.contains("[class,load]"))
        .collect(Collectors.joining("\n"))).isZero();
    return text;
  }
}
