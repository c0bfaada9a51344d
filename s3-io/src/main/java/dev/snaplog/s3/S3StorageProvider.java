package dev.snaplog.s3;

import dev.snaplog.core.io.Storage;
import dev.snaplog.core.io.StorageProvider;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Opens {@code s3://bucket/prefix} warehouses; found by {@link java.util.ServiceLoader}. Settings come from
 * the properties map with fallback to the AWS environment variables (see {@link S3Config}). The object store
 * and the pointer store share one connection, which {@link Storage#close()} closes.
 */
public final class S3StorageProvider implements StorageProvider {
  @Override
  public boolean supportsScheme(String scheme) {
    return "s3".equals(scheme);
  }

  @Override
  public Storage open(String warehouse, Map<String, String> properties) {
    return open(warehouse, properties, List.of());
  }

  /**
   * Opens the storage with extra SDK interceptors on every request (request counting, fault injection).
   *
   * @param warehouse {@code s3://bucket} or {@code s3://bucket/prefix}
   */
  public Storage open(String warehouse, Map<String, String> properties, List<ExecutionInterceptor> interceptors) {
    S3Location root = S3Location.parse(warehouse);
    String key = root.key().endsWith("/") ? root.key().substring(0, root.key().length() - 1) : root.key();
    String normalised = key.isEmpty() ? "s3://" + root.bucket() : "s3://" + root.bucket() + "/" + key;
    S3Connection conn = S3Connection.open(S3Config.fromProperties(properties), interceptors);
    return new Storage(new S3ObjectStore(conn), new S3PointerStore(conn, normalised), normalised);
  }
}
