package dev.snaplog.core.io;

import java.util.Map;

/**
 * Opens the storage for a warehouse URI scheme. Providers are found with {@link java.util.ServiceLoader}, so
 * the catalog picks S3 for {@code s3://} without depending on the S3 module.
 */
public interface StorageProvider {
  /** True if this provider serves URIs of this scheme ({@code "file"}, {@code "s3"}). */
  boolean supportsScheme(String scheme);

  /**
   * Opens the storage rooted at {@code warehouse}.
   *
   * @param properties settings such as endpoint or region; providers ignore keys they do not know
   */
  Storage open(String warehouse, Map<String, String> properties);
}
