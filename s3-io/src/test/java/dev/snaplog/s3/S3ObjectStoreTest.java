package dev.snaplog.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.ObjectStoreContract;
import dev.snaplog.s3.testing.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The object store contract on the picked test S3 server, with multipart at the 5 MiB minimum. */
class S3ObjectStoreTest extends ObjectStoreContract {
  private static S3TestServer server;
  private static S3ObjectStore store;

  @BeforeAll
  static void open() {
    server = S3TestServer.shared();
    store = new S3ObjectStore(server.connection(Map.of(S3Config.MULTIPART_THRESHOLD, "5m"), List.of()));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected String newBaseLocation() {
    return server.newWarehouse("objects");
  }

  @Override
  protected boolean createIsAtomic() {
    return server.conditionalCreateIsAtomic();
  }

  @Override
  protected int largeObjectSize() {
    return 12 * 1024 * 1024 + 5; // three parts at the 5 MiB threshold
  }

  @Test
  void listingPaginatesPastOneThousandKeys() {
    String base = server.newWarehouse("many");
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      all.add(store.resolve(base, String.format("k/%05d", i)));
    }
    all.parallelStream().forEach(l -> store.putIfAbsent(l, new byte[] {1}));
    List<ObjectInfo> listed = store.list(base);
    assertThat(listed).extracting(ObjectInfo::location).containsExactlyElementsOf(all);
    store.deleteAll(all);
    assertThat(store.list(base)).isEmpty();
  }
}
