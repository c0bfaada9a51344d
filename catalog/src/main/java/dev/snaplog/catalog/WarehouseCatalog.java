package dev.snaplog.catalog;

import dev.snaplog.catalog.internal.BaseTable;
import dev.snaplog.catalog.internal.TableOperations;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Limits;
import dev.snaplog.core.Names;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.NamespaceAlreadyExistsException;
import dev.snaplog.core.exceptions.NamespaceNotEmptyException;
import dev.snaplog.core.exceptions.NoSuchNamespaceException;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.core.exceptions.TableAlreadyExistsException;
import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.Storage;
import dev.snaplog.manifest.FileSetState;
import dev.snaplog.manifest.NamespaceMarker;
import dev.snaplog.manifest.PointerFile;
import dev.snaplog.manifest.StatsTruncation;
import dev.snaplog.manifest.TableLocations;
import dev.snaplog.manifest.TableLog;
import dev.snaplog.manifest.TableMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A catalog that is nothing but a warehouse root: a namespace is a marker object, a table is a pointer.
 * No external service is needed; creating a table is one create-only write of its pointer.
 *
 * <pre>
 *   &lt;warehouse&gt;/&lt;namespace&gt;/_namespace.json
 *   &lt;warehouse&gt;/&lt;namespace&gt;/&lt;table&gt;/_pointer   (see TableLocations for the rest)
 * </pre>
 */
public final class WarehouseCatalog implements Catalog {
  private static final String NAMESPACE_MARKER = "_namespace.json";

  private final Storage storage;
  private final Map<String, String> properties;

  WarehouseCatalog(Storage storage, Map<String, String> properties) {
    this.storage = storage;
    this.properties = Map.copyOf(properties);
  }

  /** A catalog over storage opened by the caller (tests wrap stores to count or inject faults). */
  public static WarehouseCatalog of(Storage storage, Map<String, String> properties) {
    return new WarehouseCatalog(storage, properties);
  }

  @Override
  public String warehouse() {
    return storage.root();
  }

  public Storage storage() {
    return storage;
  }

  private String namespaceLocation(String namespace) {
    Names.checkIdentifier("Namespace", namespace);
    return storage.objects().resolve(storage.root(), namespace);
  }

  private String markerLocation(String namespace) {
    return storage.objects().resolve(namespaceLocation(namespace), NAMESPACE_MARKER);
  }

  private TableLocations locations(TableId id) {
    return new TableLocations(storage.objects(), storage.objects().resolve(namespaceLocation(id.namespace()),
        id.name()));
  }

  @Override
  public void createNamespace(String namespace) {
    try {
      storage.pointers().create(markerLocation(namespace),
          new NamespaceMarker(System.currentTimeMillis(), false).toBytes());
    } catch (ObjectAlreadyExistsException e) {
      throw new NamespaceAlreadyExistsException(namespace);
    }
  }

  /** The namespace's marker with its swap token, when the namespace exists. */
  private Optional<Pointer> marker(String namespace) {
    return storage.pointers().read(markerLocation(namespace));
  }

  private boolean isLive(String namespace, Optional<Pointer> marker) {
    return marker.isPresent()
        && !NamespaceMarker.fromBytes(marker.get().bytes(), markerLocation(namespace)).dropping();
  }

  @Override
  public boolean namespaceExists(String namespace) {
    return storage.objects().exists(markerLocation(namespace));
  }

  @Override
  public List<String> listNamespaces() {
    return storage.objects().listChildren(storage.root()).stream()
        .filter(n -> isIdentifier(n) && namespaceExists(n))
        .toList();
  }

  /**
   * Marks the namespace as dropping, then checks it is empty, then deletes the marker; a table creation that
   * races with it re-reads the marker after creating its pointer, so one of the two sees the other
   * ({@link NamespaceMarker}). If tables remain, the marker is restored.
   */
  @Override
  public boolean dropNamespace(String namespace) {
    String location = markerLocation(namespace);
    for (int attempt = 1; ; attempt++) {
      Optional<Pointer> current = marker(namespace);
      if (current.isEmpty()) {
        return false;
      }
      NamespaceMarker m = NamespaceMarker.fromBytes(current.get().bytes(), location);
      Pointer dropping;
      try {
        dropping = storage.pointers().swap(location, current.get().token(), m.markDropping().toBytes());
      } catch (CommitRaceLostException e) {
        if (attempt >= 5) {
          throw new CommitRaceLostException("Namespace " + namespace + " kept changing while being dropped; try"
              + " again", null, null);
        }
        continue; // another drop (or its restore) moved the marker; look again
      }
      List<TableId> tables = listTables(namespace);
      if (!tables.isEmpty()) {
        try {
          storage.pointers().swap(location, dropping.token(), m.live().toBytes());
        } catch (CommitRaceLostException e) {
          // another drop took over the marker; it will restore or delete it
        }
        throw new NamespaceNotEmptyException(namespace, tables.size());
      }
      try {
        storage.pointers().delete(location, dropping.token());
      } catch (CommitRaceLostException e) {
        return false; // another drop finished first
      }
      return true;
    }
  }

  @Override
  public Table createTable(TableId id, Schema schema, PartitionSpec spec, SortOrder order,
      Map<String, String> tableProperties) {
    PartitionSpec first = new PartitionSpec(0, spec.fields());
    first.checkCompatible(schema); // before any storage call
    SortOrder firstOrder = order.isUnsorted() ? SortOrder.UNSORTED : new SortOrder(1, order.fields());
    firstOrder.checkCompatible(schema);
    Optional<Pointer> namespaceMarker = marker(id.namespace());
    if (!isLive(id.namespace(), namespaceMarker)) {
      throw new NoSuchNamespaceException(id.namespace());
    }
    CommitRetryPolicy.from(tableProperties, properties); // reject bad property values before writing
    CommitRetryPolicy.checkpointInterval(tableProperties, properties);
    CommitRetryPolicy.historyLeafSize(tableProperties, properties);
    Limits.checkProperties("table property", tableProperties);
    StatsTruncation.length(tableProperties);
    dev.snaplog.catalog.TableProperties.partitionedMaxOpenFiles(tableProperties, properties);
    dev.snaplog.catalog.TableProperties.sortBufferRows(tableProperties, properties);
    TableLocations loc = locations(id);
    loc.checkLocationLength(id.toString());
    if (storage.pointers().read(loc.pointer()).isPresent()) {
      throw new TableAlreadyExistsException(id.toString());
    }
    TableMetadata initial = TableMetadata.builder()
        .tableUuid(UUID.randomUUID().toString())
        .version(0)
        .commitId(UUID.randomUUID().toString())
        .operation("create")
        .lastUpdatedMillis(namespaceMarker.get().storeNowMillis()) // the store's clock, as for every commit
        .schemas(List.of(schema.withSchemaId(0)), 0)
        .partitionSpecs(List.of(first), 0)
        .sortOrders(firstOrder.isUnsorted() ? List.of(SortOrder.UNSORTED) : List.of(SortOrder.UNSORTED, firstOrder),
            firstOrder.orderId())
        .properties(tableProperties)
        .fileSet(FileSetState.EMPTY)
        .build();
    TableLog log = new TableLog(storage.objects(), loc);
    String metadataLocation = log.writeMetadata(initial);
    Pointer created;
    try {
      created = storage.pointers().create(loc.pointer(), PointerFile.of(initial, metadataLocation).toBytes(loc));
    } catch (ObjectAlreadyExistsException e) {
      storage.objects().delete(metadataLocation); // the create definitely lost: our file is unreferenced
      throw new TableAlreadyExistsException(id.toString());
    }
    if (!isLive(id.namespace(), marker(id.namespace()))) {
      // a drop of the namespace began meanwhile and may not have seen this table: take it back
      try {
        storage.pointers().delete(loc.pointer(), created.token());
        storage.objects().delete(metadataLocation);
      } catch (CommitRaceLostException e) {
        // someone committed to the new table already; the drop's emptiness check sees it
      }
      throw new NoSuchNamespaceException(id.namespace());
    }
    return loadTable(id);
  }

  @Override
  public Table loadTable(TableId id) {
    TableOperations ops = new TableOperations(id, storage, locations(id), properties);
    ops.refresh();
    return new BaseTable(ops);
  }

  @Override
  public boolean tableExists(TableId id) {
    return storage.pointers().read(locations(id).pointer()).isPresent();
  }

  @Override
  public List<TableId> listTables(String namespace) {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return storage.objects().listChildren(namespaceLocation(namespace)).stream()
        .filter(WarehouseCatalog::isIdentifier)
        .map(n -> TableId.of(namespace, n))
        .filter(this::tableExists)
        .toList();
  }

  @Override
  public boolean dropTable(TableId id, boolean purge) {
    TableLocations loc = locations(id);
    Optional<Pointer> pointer = storage.pointers().read(loc.pointer());
    if (pointer.isEmpty()) {
      return false;
    }
    try {
      storage.pointers().delete(loc.pointer(), pointer.get().token());
    } catch (CommitRaceLostException e) {
      throw new CommitRaceLostException("Table " + id + " was committed to while being dropped; try again",
          id.toString(), null);
    }
    if (purge) {
      storage.objects().deleteAll(storage.objects().list(loc.root()).stream().map(ObjectInfo::location)
          .filter(loc::owns).toList());
    }
    return true;
  }

  private static boolean isIdentifier(String name) {
    try {
      Names.checkIdentifier("name", name);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    storage.close();
  }
}
