package dev.snaplog.core.io.local;

import dev.snaplog.core.io.Storage;
import dev.snaplog.core.io.StorageProvider;
import java.util.Map;

/** Serves {@code file:} URIs and plain paths: the embedded default warehouse. */
public final class LocalStorageProvider implements StorageProvider {
  @Override
  public boolean supportsScheme(String scheme) {
    return scheme == null || scheme.equals("file");
  }

  @Override
  public Storage open(String warehouse, Map<String, String> properties) {
    String root = LocalPaths.toLocation(LocalPaths.toPath(warehouse));
    return new Storage(new LocalObjectStore(), new LocalPointerStore(), root);
  }
}
