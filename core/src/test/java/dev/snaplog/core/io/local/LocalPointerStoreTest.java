package dev.snaplog.core.io.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.io.PointerStore;
import dev.snaplog.core.io.PointerStoreContract;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPointerStoreTest extends PointerStoreContract {
  private final LocalPointerStore store = new LocalPointerStore();

  @TempDir
  Path dir;

  @Override
  protected PointerStore pointers() {
    return store;
  }

  @Override
  protected String newBaseLocation() {
    return dir.resolve(UUID.randomUUID().toString()).toString();
  }

  /** The OS file lock, not only the in-JVM lock, must serialise swaps: four JVMs increment one counter. */
  @Test
  void swapsFromSeveralProcessesLoseNoUpdate() throws Exception {
    String location = dir.resolve("counter/_pointer").toString();
    store.create(location, "0".getBytes(StandardCharsets.UTF_8));
    int processes = 4;
    int increments = 40;
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          PointerCounterMain.class.getName(), location, Integer.toString(increments))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("child-" + i + ".log").toFile())
          .start());
    }
    for (int i = 0; i < processes; i++) {
      Process p = children.get(i);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child %d finished", i).isTrue();
      File log = dir.resolve("child-" + i + ".log").toFile();
      assertThat(p.exitValue()).as("child %d exit code; log %s", i, log).isZero();
    }
    String value = new String(store.read(location).orElseThrow().bytes(), StandardCharsets.UTF_8);
    assertThat(Integer.parseInt(value)).isEqualTo(processes * increments);
  }
}
