package dev.snaplog.s3;

import dev.snaplog.core.io.PointerStore;
import dev.snaplog.core.io.PointerStoreContract;
import dev.snaplog.s3.testing.S3TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The pointer compare-and-swap contract on the picked test S3 server (probe enabled, as in production). */
class S3PointerStoreTest extends PointerStoreContract {
  private static S3TestServer server;
  private static S3Connection conn;
  private static S3PointerStore pointers;

  @BeforeAll
  static void open() {
    server = S3TestServer.shared();
    conn = server.connection(Map.of(), List.of());
    pointers = new S3PointerStore(conn, "s3://" + server.bucket() + "/pointer-tests");
  }

  @AfterAll
  static void close() {
    conn.close();
  }

  @Override
  protected PointerStore pointers() {
    return pointers;
  }

  @Override
  protected String newBaseLocation() {
    return server.newWarehouse("pointers");
  }

  @Override
  protected boolean createIsAtomic() {
    return server.conditionalCreateIsAtomic();
  }

  @Override
  protected int swapRounds() {
    return 10;
  }
}
