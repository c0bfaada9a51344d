package dev.snaplog.spark.internal;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.catalog.WarehouseCatalog;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.io.Storage;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a warehouse is and the settings to open it with (storage settings such as {@code s3.endpoint}, and
 * catalog-wide table defaults): what executors need to reach the same storage as the driver. Serializable and
 * shipped with every task; its string form never shows the settings, which may hold credentials.
 */
public final class WarehouseConfig implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One storage per warehouse and settings per JVM: an S3 store holds a connection pool worth sharing. */
  private static final Map<WarehouseConfig, Storage> OPEN_STORAGES = new ConcurrentHashMap<>();

  private final String warehouse;
  private final TreeMap<String, String> properties;

  public WarehouseConfig(String warehouse, Map<String, String> properties) {
    this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    this.properties = new TreeMap<>(properties);
  }

  public String warehouse() {
    return warehouse;
  }

  /** The settings the warehouse is opened with: storage settings and catalog-wide table defaults. */
  public Map<String, String> properties() {
    return java.util.Collections.unmodifiableMap(properties);
  }

  /** The catalog of this warehouse, over its shared storage; it needs no closing. */
  public Catalog catalog() {
    return WarehouseCatalog.of(storage(), properties);
  }

  /** The storage of this warehouse, opened once per JVM and shared by every task that runs in it. */
  public Storage storage() {
    return OPEN_STORAGES.computeIfAbsent(this, c -> Catalogs.openStorage(c.warehouse, c.properties));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WarehouseConfig c && c.warehouse.equals(warehouse) && c.properties.equals(properties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(warehouse, properties);
  }

  @Override
  public String toString() {
    return "warehouse " + warehouse + " (" + properties.size() + " settings)";
  }
}
