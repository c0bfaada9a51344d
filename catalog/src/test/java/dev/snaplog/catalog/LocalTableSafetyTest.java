package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The table safety suite on the local-filesystem warehouse. */
class LocalTableSafetyTest extends TableSafetySuite {
  @TempDir
  Path dir;

  @Override
  protected Storage openStorage() {
    return Catalogs.openStorage(dir.resolve("warehouse").toString(), Map.of());
  }

  @Override
  protected String outsideWarehouse(Storage storage, String name) {
    return dir.resolve("elsewhere").resolve(name).toString();
  }
}
