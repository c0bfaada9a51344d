package dev.snaplog.core.io.local;

import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.ObjectStoreContract;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest extends ObjectStoreContract {
  private final LocalObjectStore store = new LocalObjectStore();

  @TempDir
  Path dir;

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected String newBaseLocation() {
    return dir.resolve(UUID.randomUUID().toString()).toString();
  }
}
