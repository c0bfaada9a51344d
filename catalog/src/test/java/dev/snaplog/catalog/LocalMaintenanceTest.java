package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class LocalMaintenanceTest extends MaintenanceSuite {
  @TempDir
  Path dir;

  @Override
  protected Storage openStorage() {
    return Catalogs.openStorage(dir.resolve("warehouse").toString(), Map.of());
  }
}
