package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.S3TestServer;
import java.util.List;
import java.util.Map;

/** The table safety suite on the test S3 server. */
class S3TableSafetyTest extends TableSafetySuite {
  @Override
  protected Storage openStorage() {
    S3TestServer s3 = S3TestServer.shared();
    return s3.openStorage(s3.newWarehouse("safety"), Map.of(), List.of());
  }

  @Override
  protected String outsideWarehouse(Storage storage, String name) {
    // a sibling prefix of the warehouse in the same bucket
    return storage.root().replaceAll("/+$", "") + "-elsewhere/" + name;
  }
}
