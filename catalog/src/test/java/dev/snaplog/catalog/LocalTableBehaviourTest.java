package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The table behaviour suite on the local-filesystem warehouse. */
class LocalTableBehaviourTest extends TableBehaviourSuite {
  @TempDir
  Path dir;

  @Override
  protected Storage openStorage() {
    return Catalogs.openStorage(dir.resolve("warehouse").toString(), Map.of());
  }
}
