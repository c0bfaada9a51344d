package dev.snaplog.spark;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.NamespaceNotEmptyException;
import dev.snaplog.core.exceptions.TableAlreadyExistsException;
import dev.snaplog.spark.internal.LayoutProcedure;
import dev.snaplog.spark.internal.ReadSelection;
import dev.snaplog.spark.internal.SchemaChanges;
import dev.snaplog.spark.internal.SnaplogSparkTable;
import dev.snaplog.spark.internal.SparkErrors;
import dev.snaplog.spark.internal.SparkPartitioning;
import dev.snaplog.spark.internal.SparkSchemas;
import dev.snaplog.spark.internal.WarehouseConfig;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.NonEmptyNamespaceException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.ProcedureCatalog;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark catalog over one Snaplog warehouse: namespaces, tables (partitioned by Spark's transforms or not),
 * reads with time travel, and writes.
 *
 * <pre>
 *   spark.sql.catalog.snaplog=dev.snaplog.spark.SnaplogCatalog
 *   spark.sql.catalog.snaplog.warehouse=s3://bucket/prefix        (or a local path)
 *   spark.sql.catalog.snaplog.s3.endpoint=http://localhost:9000   (any other catalog or storage setting)
 * </pre>
 *
 * Every setting but {@code warehouse} is handed to {@code Catalogs.open} as a catalog property, as the
 * command line's {@code -P key=value} is: storage settings ({@code s3.*}) and defaults of table properties.
 * Namespaces have one level. Thread-safe.
 */
public class SnaplogCatalog implements TableCatalog, SupportsNamespaces, ProcedureCatalog {
  /** The setting that names the warehouse root. */
  public static final String WAREHOUSE = "warehouse";

  /** Properties Spark adds to every namespace or table it creates, which Snaplog has no use for. */
  private static final Set<String> IGNORED_PROPERTIES = Set.of(TableCatalog.PROP_OWNER,
      TableCatalog.PROP_IS_MANAGED_LOCATION);

  private String name;
  private WarehouseConfig config;
  private Catalog catalog;

  @Override
  public void initialize(String catalogName, CaseInsensitiveStringMap options) {
    this.name = catalogName;
    Map<String, String> settings = new HashMap<>(options.asCaseSensitiveMap());
    String warehouse = options.get(WAREHOUSE);
    settings.keySet().removeIf(k -> k.equalsIgnoreCase(WAREHOUSE));
    if (warehouse == null || warehouse.isBlank()) {
      throw SparkErrors.missingWarehouse(catalogName);
    }
    this.config = new WarehouseConfig(warehouse, settings);
    this.catalog = config.catalog();
  }

  @Override
  public String name() {
    return name;
  }

  /** The warehouse this catalog serves and its settings. */
  public WarehouseConfig config() {
    return config;
  }

  // ---- namespaces

  @Override
  public String[][] listNamespaces() {
    return catalog.listNamespaces().stream().map(n -> new String[] {n}).toArray(String[][]::new);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return new String[0][]; // one level: a namespace has no children
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    return namespace.length == 1 && catalog.namespaceExists(namespace[0]);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return Map.of();
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata)
      throws NamespaceAlreadyExistsException {
    String ns = single(namespace);
    List<String> unsupported = metadata.keySet().stream().filter(k -> !IGNORED_PROPERTIES.contains(k)).toList();
    if (!unsupported.isEmpty()) {
      throw SparkErrors.namespaceProperties(unsupported);
    }
    try {
      catalog.createNamespace(ns);
    } catch (dev.snaplog.core.exceptions.NamespaceAlreadyExistsException e) {
      throw new NamespaceAlreadyExistsException(namespace);
    }
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) {
    throw SparkErrors.unsupported("ALTER NAMESPACE", "Snaplog namespaces hold no properties");
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade)
      throws NoSuchNamespaceException, NonEmptyNamespaceException {
    String ns = single(namespace);
    if (!catalog.namespaceExists(ns)) {
      throw new NoSuchNamespaceException(namespace);
    }
    if (cascade) {
      for (TableId t : catalog.listTables(ns)) {
        catalog.dropTable(t, false);
      }
    }
    try {
      return catalog.dropNamespace(ns);
    } catch (NamespaceNotEmptyException e) {
      throw new NonEmptyNamespaceException(namespace);
    }
  }

  // ---- tables

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return catalog.listTables(namespace[0]).stream()
        .map(t -> Identifier.of(new String[] {t.namespace()}, t.name())).toArray(Identifier[]::new);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    return load(ident, ReadSelection.current());
  }

  @Override
  public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
    return load(ident, ReadSelection.version(version));
  }

  @Override
  public Table loadTable(Identifier ident, long timestampMicros) throws NoSuchTableException {
    return load(ident, ReadSelection.timestampMicros(timestampMicros));
  }

  private Table load(Identifier ident, ReadSelection selection) throws NoSuchTableException {
    TableId id = tableId(ident);
    try {
      return new SnaplogSparkTable(catalog.loadTable(id), config, selection);
    } catch (dev.snaplog.core.exceptions.NoSuchTableException e) {
      throw new NoSuchTableException(ident);
    }
  }

  @Override
  public boolean tableExists(Identifier ident) {
    return ident.namespace().length == 1 && catalog.tableExists(tableId(ident));
  }

  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions,
      Map<String, String> properties) throws org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException,
      NoSuchNamespaceException {
    TableId id = tableId(ident);
    Schema schema = SparkSchemas.fromSpark(columns);
    PartitionSpec spec = SparkPartitioning.toSpec(partitions, schema);
    Map<String, String> tableProperties = tableProperties(properties);
    if (!catalog.namespaceExists(id.namespace())) {
      throw new NoSuchNamespaceException(ident.namespace());
    }
    try {
      return new SnaplogSparkTable(catalog.createTable(id, schema, spec, tableProperties), config,
          ReadSelection.current());
    } catch (TableAlreadyExistsException e) {
      throw new org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException(ident);
    } catch (dev.snaplog.core.exceptions.NoSuchNamespaceException e) {
      throw new NoSuchNamespaceException(ident.namespace());
    }
  }

  /** The properties Snaplog keeps, from what Spark passes: its own bookkeeping is dropped, options kept. */
  private static Map<String, String> tableProperties(Map<String, String> properties) {
    Map<String, String> out = new LinkedHashMap<>();
    properties.forEach((k, v) -> {
      if (IGNORED_PROPERTIES.contains(k)) {
        return;
      }
      if (k.equals(TableCatalog.PROP_PROVIDER)) {
        if (!v.equalsIgnoreCase("snaplog")) {
          throw SparkErrors.unsupportedTableProperty(k, v);
        }
      } else if (k.equals(TableCatalog.PROP_LOCATION) || k.equals(TableCatalog.PROP_EXTERNAL)) {
        throw SparkErrors.unsupportedTableProperty(k, v);
      } else if (k.startsWith(TableCatalog.OPTION_PREFIX)) {
        out.put(k.substring(TableCatalog.OPTION_PREFIX.length()), v);
      } else {
        out.put(k, v);
      }
    });
    return out;
  }

  @Override
  public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
    dev.snaplog.core.Table table;
    try {
      table = catalog.loadTable(tableId(ident));
    } catch (dev.snaplog.core.exceptions.NoSuchTableException e) {
      throw new NoSuchTableException(ident);
    }
    SchemaChanges.commit(table, changes);
    return load(ident, ReadSelection.current());
  }

  @Override
  public boolean dropTable(Identifier ident) {
    return ident.namespace().length == 1 && catalog.dropTable(tableId(ident), false);
  }

  @Override
  public boolean purgeTable(Identifier ident) {
    return ident.namespace().length == 1 && catalog.dropTable(tableId(ident), true);
  }

  @Override
  public void renameTable(Identifier from, Identifier to) {
    throw SparkErrors.unsupported("Renaming a table", "a table's files live under its name; create the new"
        + " table and append the old one's rows");
  }

  // ---- procedures: layout changes Spark SQL has no statement for

  @Override
  public UnboundProcedure loadProcedure(Identifier ident) {
    return LayoutProcedure.load(ident, catalog);
  }

  @Override
  public Identifier[] listProcedures(String[] namespace) {
    return namespace.length == 1 && namespace[0].equals(LayoutProcedure.NAMESPACE) ? LayoutProcedure.identifiers()
        : new Identifier[0];
  }

  private static TableId tableId(Identifier ident) {
    return TableId.of(single(ident.namespace()), ident.name());
  }

  private static String single(String[] namespace) {
    if (namespace.length != 1) {
      throw SparkErrors.nestedNamespace(namespace);
    }
    return namespace[0];
  }
}
