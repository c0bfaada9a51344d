package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.S3TestServer;
import java.util.List;
import java.util.Map;

class S3MaintenanceTest extends MaintenanceSuite {
  @Override
  protected Storage openStorage() {
    S3TestServer s3 = S3TestServer.shared();
    return s3.openStorage(s3.newWarehouse("maintenance"), Map.of(), List.of());
  }
}
