package dev.snaplog.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 200 MB object written and read back by range in a child JVM limited to 256 MB of heap. */
class S3BigObjectTest {
  @TempDir
  Path dir;

  @Test
  void twoHundredMegabytesWithASmallHeap() throws Exception {
    S3TestServer server = S3TestServer.shared();
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), BigObjectMain.class.getName(),
        server.newWarehouse("big") + "/data/big.bin", Long.toString(200L * 1024 * 1024)));
    for (Map.Entry<String, String> e : server.properties().entrySet()) {
      cmd.add(e.getKey() + "=" + e.getValue());
    }
    Path log = dir.resolve("child.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = p.waitFor(5, TimeUnit.MINUTES);
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(finished).as("child finished; output:%n%s", output).isTrue();
    assertThat(p.exitValue()).as("child exit code; output:%n%s", output).isZero();
    assertThat(output).contains("OK");
  }
}
