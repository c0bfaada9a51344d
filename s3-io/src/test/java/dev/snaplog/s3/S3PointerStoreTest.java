package dev.snaplog.s3;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.io.ForwardingPointerStore;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PointerStore;
import java.util.Arrays;
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

  /**
   * The contract counts winners by who got an answer. A losing racer may get an unknown outcome instead of 412
   * (Ceph RGW answers 500 when the object changed under the request); it is settled here as the commit protocol
   * settles it, by reading the pointer back: our bytes there means we won, anything else means we lost.
   */
  @Override
  protected PointerStore pointers() {
    return new ForwardingPointerStore(pointers) {
      @Override
      public Pointer swap(String location, String expectedToken, byte[] bytes) {
        try {
          return super.swap(location, expectedToken, bytes);
        } catch (CommitStateUnknownException e) {
          Pointer now = read(location).orElseThrow();
          if (Arrays.equals(now.bytes(), bytes)) {
            return now;
          }
          throw new CommitRaceLostException("settled as lost: " + e.getMessage());
        }
      }
    };
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

  @org.junit.jupiter.api.Test
  void pointersCarryTheStoresClockFromTheResponseDate() {
    String location = newBaseLocation() + "/clock/_pointer";
    long before = System.currentTimeMillis();
    Pointer created = pointers.create(location, "{}".getBytes());
    Pointer read = pointers.read(location).orElseThrow();
    Pointer swapped = pointers.swap(location, read.token(), "{\"v\":1}".getBytes());
    long after = System.currentTimeMillis();
    for (Pointer p : List.of(created, read, swapped)) {
      // the Date header has whole seconds (the local clock would not); a server elsewhere may differ a little
      org.assertj.core.api.Assertions.assertThat(p.storeTimeMillis() % 1000).as("whole seconds").isZero();
      org.assertj.core.api.Assertions.assertThat(p.storeTimeMillis()).isBetween(before - 300_000, after + 300_000);
      org.assertj.core.api.Assertions.assertThat(p.storeNowMillis()).isGreaterThanOrEqualTo(p.storeTimeMillis());
    }
  }
}
