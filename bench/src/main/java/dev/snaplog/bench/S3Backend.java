package dev.snaplog.bench;

import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.testing.S3TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Tables on the S3 test server of the s3-io test harness ({@link S3TestServer#sharedForLongHistories()}: an
 * endpoint from the environment, MinIO when Docker answers, else a single-node Ceph RGW it starts). Snaplog
 * opens its {@code s3://} warehouse as a user would; Iceberg uses {@link S3FileIO} under the JDBC catalog on a local SQLite file, the catalog a
 * user without a catalog service would pick on S3 ({@code HadoopCatalog} relies on atomic rename, which S3
 * lacks). Both SDK clients come from the same {@link S3Connection} settings (Apache 5 HTTP client, path style,
 * checksums only when required) and carry the same request counter; Iceberg's catalog calls are counted too
 * ({@link CountingJdbcClientPool}).
 */
final class S3Backend implements Backend {
  static final String ICEBERG_CATALOG = "bench";

  private final S3TestServer server;
  private final String snaplogWarehouse;
  private final String icebergWarehouse;
  private final String jdbcUri;

  S3Backend(S3TestServer server, Path dir) {
    this.server = server;
    String run = UUID.randomUUID().toString();
    this.snaplogWarehouse = "s3://" + server.bucket() + "/bench-snaplog-" + run;
    this.icebergWarehouse = "s3://" + server.bucket() + "/bench-iceberg-" + run;
    this.jdbcUri = "jdbc:sqlite:" + dir.resolve("iceberg-catalog-" + run + ".db");
  }

  /**
   * Sends {@code requests} small PUTs and GETs to the server before anything is measured: a freshly started
   * server can answer its first requests several times slower (a server on a JVM until its JIT has warmed up),
   * which would land on whichever workload runs first.
   */
  void warmUpServer(int requests) {
    try (var client = server.newClient()) {
      byte[] body = new byte[4096];
      for (int i = 0; i < requests / 2; i++) {
        String key = "bench-warm-up/" + (i % 50);
        client.putObject(b -> b.bucket(server.bucket()).key(key),
            RequestBody.fromBytes(body));
        client.getObjectAsBytes(b -> b.bucket(server.bucket()).key(key));
      }
    }
  }

  @Override
  public String label() {
    return "S3";
  }

  /** Which server, for the report's notes. */
  String server() {
    return server.kind() + " (" + server.endpoint() + ")";
  }

  @Override
  public BenchTable table(String system, String name, Map<String, String> props, boolean create) {
    Counters counters = new Counters();
    if (system.equals(SnaplogTable.SYSTEM)) {
      var counter = new S3RequestCounter(counters, path -> path.contains("/metadata/"));
      return SnaplogTable.of(server.openStorage(snaplogWarehouse, Map.of(), List.of(counter)), counters, name, props,
          create);
    }
    S3Connection connection = server.connection(Map.of(),
        List.of(new S3RequestCounter(counters, path -> path.endsWith(".metadata.json"))));
    var client = connection.client();
    CountingJdbcClientPool[] pool = new CountingJdbcClientPool[1];
    JdbcCatalog catalog = new JdbcCatalog(p -> new S3FileIO(() -> client),
        p -> pool[0] = new CountingJdbcClientPool(jdbcUri, p, counters), true);
    Map<String, String> catalogProps = new HashMap<>();
    catalogProps.put(CatalogProperties.URI, jdbcUri);
    catalogProps.put(CatalogProperties.WAREHOUSE_LOCATION, icebergWarehouse);
    catalog.initialize(ICEBERG_CATALOG, catalogProps);
    TableIdentifier id = TableIdentifier.of(Namespace.of(SnaplogTable.NAMESPACE), name);
    if (create && !catalog.namespaceExists(id.namespace())) {
      catalog.createNamespace(id.namespace());
    }
    pool[0].startCounting();
    Table table = create
        ? catalog.createTable(id, IcebergTable.SCHEMA, PartitionSpec.unpartitioned(), props)
        : catalog.loadTable(id);
    return IcebergTable.of(table, counters, () -> {
      catalog.close();
      connection.close();
    });
  }

  @Override
  public void close() {
    // the shared test server outlives the bench's tables; it stops with the JVM
  }
}
