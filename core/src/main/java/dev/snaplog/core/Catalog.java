package dev.snaplog.core;

import java.io.Closeable;
import java.util.List;
import java.util.Map;

/** Namespaces and tables under one warehouse root. Thread-safe. */
public interface Catalog extends Closeable {
  /** The warehouse root this catalog serves. */
  String warehouse();

  /** @throws dev.snaplog.core.exceptions.NamespaceAlreadyExistsException if it exists */
  void createNamespace(String namespace);

  boolean namespaceExists(String namespace);

  List<String> listNamespaces();

  /**
   * Drops an empty namespace.
   *
   * @return false if it did not exist
   * @throws dev.snaplog.core.exceptions.NamespaceNotEmptyException if it still holds tables
   */
  boolean dropNamespace(String namespace);

  /**
   * Creates a table with no snapshot yet.
   *
   * @throws dev.snaplog.core.exceptions.NoSuchNamespaceException if the namespace does not exist
   * @throws dev.snaplog.core.exceptions.TableAlreadyExistsException if the table exists
   */
  default Table createTable(TableId id, Schema schema, Map<String, String> properties) {
    return createTable(id, schema, PartitionSpec.UNPARTITIONED, properties);
  }

  default Table createTable(TableId id, Schema schema) {
    return createTable(id, schema, Map.of());
  }

  /**
   * Creates a partitioned table with no snapshot yet; {@code spec} is built against {@code schema}, e.g. with
   * {@link PartitionSpec#parse(String, Schema)}, and becomes spec 0.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the spec reads a column the schema lacks or one
   *     its transform cannot apply to
   * @throws dev.snaplog.core.exceptions.NoSuchNamespaceException if the namespace does not exist
   * @throws dev.snaplog.core.exceptions.TableAlreadyExistsException if the table exists
   */
  default Table createTable(TableId id, Schema schema, PartitionSpec spec, Map<String, String> properties) {
    return createTable(id, schema, spec, SortOrder.UNSORTED, properties);
  }

  /**
   * Creates a partitioned and sorted table with no snapshot yet; {@code order} is built against {@code schema},
   * e.g. with {@link SortOrder#parse(String, Schema)}, and becomes the table's first sort order (id 1, or 0
   * when unsorted). Writers sort each new data file's rows by it.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the spec or the order reads a column the schema
   *     lacks, or one its transform cannot apply to or rows cannot be sorted by
   * @throws dev.snaplog.core.exceptions.NoSuchNamespaceException if the namespace does not exist
   * @throws dev.snaplog.core.exceptions.TableAlreadyExistsException if the table exists
   */
  Table createTable(TableId id, Schema schema, PartitionSpec spec, SortOrder order, Map<String, String> properties);

  /** @throws dev.snaplog.core.exceptions.NoSuchTableException if it does not exist */
  Table loadTable(TableId id);

  boolean tableExists(TableId id);

  List<TableId> listTables(String namespace);

  /**
   * Drops a table: removes its pointer, so it no longer exists. With {@code purge} every object under the
   * table's location is deleted too; without it the files stay for recovery by hand.
   *
   * @return false if it did not exist
   */
  boolean dropTable(TableId id, boolean purge);

  @Override
  void close();
}
