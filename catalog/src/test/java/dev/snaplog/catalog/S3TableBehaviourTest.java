package dev.snaplog.catalog;

import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.S3TestServer;
import java.util.List;
import java.util.Map;

/** The table behaviour suite on the test S3 server (an endpoint from the environment, MinIO or Ceph RGW). */
class S3TableBehaviourTest extends TableBehaviourSuite {
  @Override
  protected Storage openStorage() {
    S3TestServer s3 = S3TestServer.shared();
    return s3.openStorage(s3.newWarehouse("behaviour"), Map.of(), List.of());
  }
}
