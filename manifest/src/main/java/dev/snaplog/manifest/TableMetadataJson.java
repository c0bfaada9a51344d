package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JSON form of table metadata. Locations are stored relative to the table. */
public final class TableMetadataJson {
  private static final Set<String> KNOWN = Set.of("format-version", "table-uuid", "version", "last-updated-ms",
      "commit-id", "operation", "schemas", "current-schema-id", "properties", "current-snapshot",
      "parent-metadata", "log-record", "file-set", "writers", "tags", "branches", "history", "orphan-horizon-ms",
      "last-column-id", "partition-specs", "default-spec-id", "last-partition-id", "sort-orders",
      "default-sort-order-id");

  private TableMetadataJson() {}

  public static byte[] toBytes(TableMetadata m, TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.METADATA);
    n.put("table-uuid", m.tableUuid());
    n.put("version", m.version());
    n.put("last-updated-ms", m.lastUpdatedMillis());
    n.put("commit-id", m.commitId());
    n.put("operation", m.operation());
    ArrayNode schemas = n.putArray("schemas");
    m.schemas().forEach(s -> schemas.add(SchemaJson.toJson(s)));
    n.put("current-schema-id", m.currentSchemaId());
    n.set("properties", Json.stringMapNode(m.properties()));
    m.currentSnapshot().ifPresent(s -> n.set("current-snapshot", SnapshotJson.toJson(s)));
    m.parentMetadata().ifPresent(p -> n.put("parent-metadata", loc.relativize(p)));
    m.logRecord().ifPresent(l -> n.put("log-record", loc.relativize(l)));
    n.set("file-set", fileSetToJson(m.fileSet(), loc));
    ObjectNode branches = n.putObject("branches");
    m.branches().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> branches.putObject(e.getKey())
        .<ObjectNode>set("head", SnapshotJson.toJson(e.getValue().head()))
        .set("file-set", fileSetToJson(e.getValue().fileSet(), loc)));
    ObjectNode writers = n.putObject("writers");
    m.writers().forEach((w, mark) -> writers.putObject(w).put("sequence", mark.sequence())
        .put("snapshot-id", mark.snapshotId()));
    ObjectNode tags = n.putObject("tags");
    m.tags().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> tags.put(e.getKey(), e.getValue()));
    ObjectNode history = n.putObject("history");
    history.put("floor", m.history().floor());
    m.history().root().ifPresent(r -> history.put("root", loc.relativize(r)));
    ArrayNode tail = history.putArray("tail");
    m.history().tail().forEach(e -> tail.add(HistoryIndex.entryToJson(e, loc)));
    ArrayNode pinned = history.putArray("pinned");
    m.history().pinned().forEach(e -> pinned.add(HistoryIndex.entryToJson(e, loc)));
    if (m.orphanHorizonMillis() > 0) {
      n.put("orphan-horizon-ms", m.orphanHorizonMillis());
    }
    n.put("last-column-id", m.lastColumnId());
    ArrayNode specs = n.putArray("partition-specs");
    for (PartitionSpec spec : m.partitionSpecs()) {
      ObjectNode sn = specs.addObject().put("spec-id", spec.specId());
      ArrayNode fields = sn.putArray("fields");
      spec.fields().forEach(f -> fields.addObject().put("source-id", f.sourceId()).put("field-id", f.fieldId())
          .put("name", f.name()).put("transform", f.transform().toString()));
    }
    n.put("default-spec-id", m.defaultSpecId());
    n.put("last-partition-id", m.lastPartitionId());
    ArrayNode orders = n.putArray("sort-orders");
    for (SortOrder order : m.sortOrders()) {
      ArrayNode fields = orders.addObject().put("order-id", order.orderId()).putArray("fields");
      order.fields().forEach(f -> fields.addObject().put("source-id", f.sourceId()).put("transform", "identity")
          .put("direction", f.direction().name().toLowerCase(java.util.Locale.ROOT))
          .put("null-order", f.nullOrder() == SortOrder.NullOrder.NULLS_FIRST ? "nulls-first" : "nulls-last"));
    }
    n.put("default-sort-order-id", m.defaultSortOrderId());
    m.extras().forEach(n::set);
    return Json.write(n);
  }

  public static TableMetadata fromBytes(byte[] bytes, String location, TableLocations loc) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FormatVersions.METADATA);
    List<Schema> schemas = new ArrayList<>();
    for (JsonNode s : Json.required(n, "schemas", location)) {
      schemas.add(SchemaJson.fromJson(s, location));
    }
    FileSetState fileSet = fileSetFromJson(Json.required(n, "file-set", location), loc, location);
    Map<String, BranchState> branches = new HashMap<>();
    n.path("branches").fields().forEachRemaining(e -> branches.put(e.getKey(), new BranchState(
        SnapshotJson.fromJson(Json.required(e.getValue(), "head", location), location),
        fileSetFromJson(Json.required(e.getValue(), "file-set", location), loc, location))));
    Map<String, WriterMark> writers = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("writers").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      writers.put(e.getKey(), new WriterMark(e.getValue().path("sequence").asLong(),
          e.getValue().path("snapshot-id").asLong()));
    }
    Map<String, Long> tags = new HashMap<>();
    n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asLong()));
    JsonNode h = n.path("history");
    List<IndexEntry> tail = new ArrayList<>();
    for (JsonNode e : h.path("tail")) {
      tail.add(HistoryIndex.entryFromJson(e, loc, location));
    }
    List<IndexEntry> pinned = new ArrayList<>();
    for (JsonNode e : h.path("pinned")) {
      pinned.add(HistoryIndex.entryFromJson(e, loc, location));
    }
    String root = Json.optionalString(h, "root");
    HistoryState history = new HistoryState(Optional.ofNullable(root).map(loc::resolve), tail,
        h.path("floor").asLong(0), pinned);
    Map<String, JsonNode> extras = new HashMap<>();
    n.fields().forEachRemaining(e -> {
      if (!KNOWN.contains(e.getKey())) {
        extras.put(e.getKey(), e.getValue());
      }
    });
    JsonNode snap = n.get("current-snapshot");
    String parent = Json.optionalString(n, "parent-metadata");
    String logRecord = Json.optionalString(n, "log-record");
    TableMetadata m = TableMetadata.builder()
        .tableUuid(Json.requiredString(n, "table-uuid", location))
        .version(Json.requiredLong(n, "version", location))
        .lastUpdatedMillis(Json.requiredLong(n, "last-updated-ms", location))
        .commitId(Json.requiredString(n, "commit-id", location))
        .operation(Json.requiredString(n, "operation", location))
        .schemas(schemas, Json.requiredInt(n, "current-schema-id", location))
        .properties(Json.stringMap(n.get("properties")))
        .currentSnapshot(snap == null || snap.isNull() ? null : SnapshotJson.fromJson(snap, location))
        .parentMetadata(parent == null ? null : loc.resolve(parent))
        .logRecord(logRecord == null ? null : loc.resolve(logRecord))
        .fileSet(fileSet)
        .branches(branches)
        .writers(writers)
        .tags(tags)
        .history(history)
        .orphanHorizonMillis(n.path("orphan-horizon-ms").asLong(0))
        .lastColumnId(n.path("last-column-id").asInt(0))
        .partitionSpecs(specsFromJson(n.get("partition-specs"), location),
            n.path("default-spec-id").asInt(PartitionSpec.UNPARTITIONED.specId()))
        .lastPartitionId(n.path("last-partition-id").asInt(PartitionSpec.FIRST_FIELD_ID - 1))
        .sortOrders(sortOrdersFromJson(n.get("sort-orders"), location),
            n.path("default-sort-order-id").asInt(SortOrder.UNSORTED.orderId()))
        .extras(extras)
        .build();
    if (schemas.stream().noneMatch(s -> s.schemaId() == m.currentSchemaId())) {
      throw Json.corrupt(location, "names current schema " + m.currentSchemaId() + " but holds no such schema", null);
    }
    if (m.partitionSpecs().stream().noneMatch(s -> s.specId() == m.defaultSpecId())) {
      throw Json.corrupt(location, "names default partition spec " + m.defaultSpecId() + " but holds no such spec",
          null);
    }
    if (m.sortOrders().stream().noneMatch(o -> o.orderId() == m.defaultSortOrderId())) {
      throw Json.corrupt(location, "names default sort order " + m.defaultSortOrderId() + " but holds no such"
          + " order", null);
    }
    return m;
  }

  /** Metadata before format version 5 names no sort orders: its tables are unsorted. */
  private static List<SortOrder> sortOrdersFromJson(JsonNode node, String location) {
    if (node == null) {
      return List.of(SortOrder.UNSORTED);
    }
    List<SortOrder> orders = new ArrayList<>();
    for (JsonNode on : node) {
      List<SortOrder.Field> fields = new ArrayList<>();
      for (JsonNode f : on.path("fields")) {
        String transform = Json.requiredString(f, "transform", location);
        String direction = Json.requiredString(f, "direction", location);
        String nulls = Json.requiredString(f, "null-order", location);
        if (!transform.equals("identity") || !direction.equals("asc") && !direction.equals("desc")
            || !nulls.equals("nulls-first") && !nulls.equals("nulls-last")) {
          throw Json.corrupt(location, "has a sort field this Snaplog cannot read (transform " + transform
              + ", direction " + direction + ", null order " + nulls + ")", null);
        }
        fields.add(new SortOrder.Field(Json.requiredInt(f, "source-id", location),
            direction.equals("asc") ? SortOrder.Direction.ASC : SortOrder.Direction.DESC,
            nulls.equals("nulls-first") ? SortOrder.NullOrder.NULLS_FIRST : SortOrder.NullOrder.NULLS_LAST));
      }
      try {
        orders.add(new SortOrder(Json.requiredInt(on, "order-id", location), fields));
      } catch (ValidationException e) {
        throw Json.corrupt(location, "has a sort order this Snaplog cannot read: " + e.getMessage(), e);
      }
    }
    return orders;
  }

  /** Metadata before format version 3 names no specs: its tables are unpartitioned. */
  private static List<PartitionSpec> specsFromJson(JsonNode node, String location) {
    List<PartitionSpec> specs = new ArrayList<>();
    if (node == null) {
      return List.of(PartitionSpec.UNPARTITIONED);
    }
    for (JsonNode sn : node) {
      List<PartitionSpec.Field> fields = new ArrayList<>();
      for (JsonNode f : sn.path("fields")) {
        String transform = Json.requiredString(f, "transform", location);
        try {
          fields.add(new PartitionSpec.Field(Json.requiredInt(f, "source-id", location),
              Json.requiredInt(f, "field-id", location), Json.requiredString(f, "name", location), transform));
        } catch (ValidationException e) {
          throw Json.corrupt(location, "has a partition field this Snaplog cannot read: " + e.getMessage(), e);
        }
      }
      specs.add(new PartitionSpec(Json.requiredInt(sn, "spec-id", location), fields));
    }
    return specs;
  }

  private static ObjectNode fileSetToJson(FileSetState fileSet, TableLocations loc) {
    ObjectNode fs = Json.object();
    fileSet.checkpoint().ifPresent(c -> fs.put("checkpoint", loc.relativize(c)));
    ArrayNode logs = fs.putArray("log");
    fileSet.logRecords().forEach(l -> logs.add(loc.relativize(l)));
    if (!fileSet.logVersions().isEmpty()) {
      ArrayNode versions = fs.putArray("log-versions");
      fileSet.logVersions().forEach(versions::add);
    }
    return fs;
  }

  private static FileSetState fileSetFromJson(JsonNode fsNode, TableLocations loc, String source) {
    List<String> logs = new ArrayList<>();
    for (JsonNode l : fsNode.path("log")) {
      logs.add(loc.resolve(l.asText()));
    }
    List<Long> versions = new ArrayList<>();
    for (JsonNode v : fsNode.path("log-versions")) {
      versions.add(v.asLong());
    }
    if (!versions.isEmpty() && versions.size() != logs.size()) {
      throw Json.corrupt(source, "lists " + logs.size() + " log records but " + versions.size() + " log versions",
          null);
    }
    String checkpoint = Json.optionalString(fsNode, "checkpoint");
    return new FileSetState(Optional.ofNullable(checkpoint).map(loc::resolve), logs, versions);
  }
}
