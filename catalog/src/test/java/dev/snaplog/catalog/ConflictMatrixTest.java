package dev.snaplog.catalog;

import java.nio.file.Path;
import java.util.Map;

/** The conflict matrix on the local warehouse. */
class ConflictMatrixTest extends ConflictMatrixSuite {
  @Override
  protected String newWarehouse(Path dir) {
    return dir.resolve("warehouse").toString();
  }

  @Override
  protected Map<String, String> properties() {
    return Map.of();
  }
}
