package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test on a fresh local warehouse: {@link #catalog} is open on {@code <dir>/warehouse} with namespace
 * {@code db} before each test (before a subclass's own set-up) and closed after it.
 */
abstract class LocalWarehouseTest {
  @TempDir
  protected Path dir;
  protected Catalog catalog;

  @BeforeEach
  void openWarehouse() {
    catalog = Catalogs.open(dir.resolve("warehouse").toString());
    catalog.createNamespace("db");
  }

  @AfterEach
  void closeWarehouse() {
    catalog.close();
  }
}
