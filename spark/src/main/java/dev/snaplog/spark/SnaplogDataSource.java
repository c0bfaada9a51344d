package dev.snaplog.spark;

import dev.snaplog.core.TableId;
import dev.snaplog.spark.internal.ReadSelection;
import dev.snaplog.spark.internal.SnaplogSparkTable;
import dev.snaplog.spark.internal.SparkErrors;
import dev.snaplog.spark.internal.WarehouseConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code snaplog} data source: {@code spark.read.format("snaplog").load(x)} and
 * {@code df.write.format("snaplog").mode("append").save(x)}, where {@code x} is
 *
 * <ul>
 *   <li>a table location, {@code <warehouse>/<namespace>/<table>} (a path with {@code /}, or an {@code s3://}
 *       URI): the warehouse is the location without its last two segments; or
 *   <li>a table name, {@code namespace.table}, in the warehouse given by the option {@code warehouse}, else in
 *       the warehouse of the Snaplog catalog named by the option {@code catalog} (default {@code snaplog}).
 * </ul>
 *
 * Storage settings ({@code s3.endpoint} and the rest) come from that catalog's settings, overridden by options
 * of the same names. The table must exist: create it through the catalog ({@code CREATE TABLE}) or the API.
 */
public class SnaplogDataSource implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "snaplog";
  public static final String WAREHOUSE = "warehouse";
  public static final String CATALOG = "catalog";
  private static final String DEFAULT_CATALOG = "snaplog";
  private static final String CATALOG_CONF = "spark.sql.catalog.";

  /** Options of reads and writes that are not storage settings. */
  private static final Set<String> NOT_SETTINGS = Set.of("path", "paths", WAREHOUSE, CATALOG,
      ReadSelection.SNAPSHOT_ID, ReadSelection.AS_OF, ReadSelection.TAG, ReadSelection.BRANCH, "commit-token",
      "checkpointlocation", "replacewhere");

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return resolve(options).schema();
  }

  /** The table's own partitioning, so Spark plans writes by location as it does writes by name. */
  @Override
  public Transform[] inferPartitioning(CaseInsensitiveStringMap options) {
    return resolve(options).partitioning();
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return resolve(new CaseInsensitiveStringMap(properties));
  }

  private SnaplogSparkTable resolve(CaseInsensitiveStringMap options) {
    String target = options.get("path");
    if (target == null || target.isBlank()) {
      throw SparkErrors.notAPathOrName(String.valueOf(target));
    }
    String catalogName = options.getOrDefault(CATALOG, DEFAULT_CATALOG);
    Map<String, String> settings = catalogSettings(catalogName);
    String catalogWarehouse = settings.remove(WAREHOUSE);
    options.asCaseSensitiveMap().forEach((k, v) -> {
      if (!NOT_SETTINGS.contains(k.toLowerCase(Locale.ROOT))
          && !k.toLowerCase(Locale.ROOT).startsWith("snapshot-property.")) {
        settings.put(k, v);
      }
    });
    String warehouse;
    TableId id;
    if (isLocation(target)) {
      String location = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
      int tableSlash = location.lastIndexOf('/');
      int namespaceSlash = tableSlash <= 0 ? -1 : location.lastIndexOf('/', tableSlash - 1);
      if (namespaceSlash <= 0 || location.substring(0, namespaceSlash).endsWith("/")) {
        throw SparkErrors.locationTooShort(target);
      }
      warehouse = location.substring(0, namespaceSlash);
      id = TableId.of(location.substring(namespaceSlash + 1, tableSlash), location.substring(tableSlash + 1));
    } else if (target.indexOf('.') > 0) {
      warehouse = options.getOrDefault(WAREHOUSE, catalogWarehouse);
      if (warehouse == null) {
        throw SparkErrors.noWarehouseForName(target);
      }
      id = TableId.parse(target);
    } else {
      throw SparkErrors.notAPathOrName(target);
    }
    WarehouseConfig config = new WarehouseConfig(warehouse, settings);
    return new SnaplogSparkTable(config.catalog().loadTable(id), config, ReadSelection.current());
  }

  private static boolean isLocation(String target) {
    return target.contains("/") || target.contains("\\") || target.contains(":");
  }

  /** The settings of the named catalog when it is a Snaplog catalog in the active session; else none. */
  private static Map<String, String> catalogSettings(String catalogName) {
    Map<String, String> out = new HashMap<>();
    SparkSession session = SparkSession.active();
    String prefix = CATALOG_CONF + catalogName;
    String plugin = session.conf().get(prefix, null);
    if (plugin == null || !plugin.equals(SnaplogCatalog.class.getName())) {
      return out;
    }
    scala.collection.Iterator<scala.Tuple2<String, String>> all = session.conf().getAll().iterator();
    while (all.hasNext()) {
      scala.Tuple2<String, String> kv = all.next();
      if (kv._1().startsWith(prefix + ".")) {
        out.put(kv._1().substring(prefix.length() + 1), kv._2());
      }
    }
    return out;
  }
}
