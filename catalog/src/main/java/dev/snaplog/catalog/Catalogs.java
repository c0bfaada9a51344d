package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.io.Storage;
import dev.snaplog.core.io.StorageProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens a catalog on a warehouse URI. The storage is picked by scheme from the providers on the class path:
 * a path or {@code file:} URI is the local filesystem, {@code s3://bucket/prefix} needs the s3-io module.
 */
public final class Catalogs {
  /** The embedded default warehouse, relative to the working directory. */
  public static final String DEFAULT_WAREHOUSE = "./warehouse";

  private Catalogs() {}

  public static Catalog open(String warehouse) {
    return open(warehouse, Map.of());
  }

  /**
   * @param properties storage settings (for example {@code s3.endpoint}) and catalog-wide defaults of table
   *     properties (see {@link TableProperties})
   */
  public static Catalog open(String warehouse, Map<String, String> properties) {
    return WarehouseCatalog.of(openStorage(warehouse, properties), properties);
  }

  /** Opens only the storage of a warehouse. */
  public static Storage openStorage(String warehouse, Map<String, String> properties) {
    String scheme = scheme(warehouse);
    List<String> known = new ArrayList<>();
    for (StorageProvider p : ServiceLoader.load(StorageProvider.class)) {
      if (p.supportsScheme(scheme)) {
        return p.open(warehouse, properties);
      }
      known.add(p.getClass().getSimpleName());
    }
    throw new ValidationException("No storage for warehouse '" + warehouse + "' (scheme '" + scheme + "');"
        + " available providers: " + known + (scheme.equals("s3") ? "; add the snaplog-s3-io module to the"
        + " class path" : ""));
  }

  private static String scheme(String warehouse) {
    if (warehouse == null || warehouse.isBlank()) {
      throw new ValidationException("Warehouse location is empty; give a path, a file: URI or s3://bucket/prefix");
    }
    int colon = warehouse.indexOf(':');
    if (colon > 1 && warehouse.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*")) {
      return URI.create(warehouse.replace(" ", "%20")).getScheme().toLowerCase(java.util.Locale.ROOT);
    }
    return "file";
  }
}
