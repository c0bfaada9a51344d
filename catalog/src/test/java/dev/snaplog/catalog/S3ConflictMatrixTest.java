package dev.snaplog.catalog;

import dev.snaplog.s3.testing.S3TestServer;
import java.nio.file.Path;
import java.util.Map;

/** The conflict matrix on the S3 test server (Ceph RGW here), with both workers talking to it over HTTP. */
class S3ConflictMatrixTest extends ConflictMatrixSuite {
  private final S3TestServer s3 = S3TestServer.shared();

  @Override
  protected String newWarehouse(Path dir) {
    return s3.newWarehouse("matrix");
  }

  @Override
  protected Map<String, String> properties() {
    return s3.properties();
  }
}
