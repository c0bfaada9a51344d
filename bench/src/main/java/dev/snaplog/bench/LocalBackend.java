package dev.snaplog.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * Tables on the local filesystem: Snaplog's default warehouse, and Iceberg through {@code HadoopTables}, the
 * catalog a user picks for a table on a local disk with no service.
 */
final class LocalBackend implements Backend {
  private final Path dir;

  LocalBackend(Path dir) {
    this.dir = dir;
  }

  @Override
  public String label() {
    return "local FS";
  }

  @Override
  public BenchTable table(String system, String name, Map<String, String> props, boolean create) {
    if (system.equals(SnaplogTable.SYSTEM)) {
      return SnaplogTable.local(dir.resolve("snaplog").toString(), name, props, create);
    }
    return IcebergTable.onHadoopTables(dir.resolve("iceberg/" + name).toUri().toString(), props, create);
  }

  @Override
  public void close() {
    // nothing held: every table handle owns its own storage
  }
}
