package dev.snaplog.manifest;

import dev.snaplog.core.Limits;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.io.ObjectStore;
import java.util.UUID;

/**
 * The layout of one table's objects, and the conversion between full locations and the table-relative form
 * stored in the log.
 *
 * <pre>
 *   &lt;table&gt;/_pointer                        the only mutable object
 *   &lt;table&gt;/metadata/&lt;version&gt;-&lt;uuid&gt;.json   table metadata of one version
 *   &lt;table&gt;/log/&lt;uuid&gt;.json                  delta manifest of one commit
 *   &lt;table&gt;/checkpoints/&lt;version&gt;-&lt;uuid&gt;.json live file set at a version: a list of parts
 *   &lt;table&gt;/checkpoints/part-&lt;uuid&gt;.parquet  one part: data files with stats (older: .json.gz)
 *   &lt;table&gt;/history/...                       the history index: root and leaves
 *   &lt;table&gt;/data/[&lt;partition path&gt;/]&lt;uuid&gt;.parquet data files
 *   &lt;table&gt;/deletes/&lt;uuid&gt;.dv                deletion vectors of one commit
 * </pre>
 */
public final class TableLocations {
  private final ObjectStore store;
  private final String root;
  private final String prefix;

  public TableLocations(ObjectStore store, String tableRoot) {
    this.store = store;
    this.root = tableRoot.endsWith("/") ? tableRoot.substring(0, tableRoot.length() - 1) : tableRoot;
    this.prefix = root + "/";
  }

  public String root() {
    return root;
  }

  /**
   * Refuses a table whose longest object location would exceed {@link Limits#MAX_LOCATION_BYTES}
   * bytes of UTF-8: S3 limits keys to 1024 bytes, and the location counts more than the key (scheme and
   * bucket), so a table that passes fits every store. Checked when a table is created, before anything is written.
   *
   * @throws ValidationException naming the lengths and the limit
   */
  public void checkLocationLength(String table) {
    int longest = 0;
    for (String sample : new String[] {newHistoryObject("root", Long.MAX_VALUE), newCheckpoint(Long.MAX_VALUE),
        newMetadata(Long.MAX_VALUE), newCheckpointPart(), newDataFile(), newLogRecord()}) {
      longest = Math.max(longest, Limits.utf8Length(sample));
    }
    if (longest > Limits.MAX_LOCATION_BYTES) {
      throw new ValidationException("Table " + table + " would store objects at"
          + " locations up to " + longest + " bytes long (" + Limits.utf8Length(root)
          + " of them the table's own location); the limit is " + Limits.MAX_LOCATION_BYTES
          + " bytes, the longest key S3 stores: use shorter namespace, table or warehouse names");
    }
  }

  public String pointer() {
    return prefix + "_pointer";
  }

  public String newMetadata(long version) {
    return prefix + "metadata/" + String.format("%020d", version) + "-" + UUID.randomUUID() + ".json";
  }

  public String newLogRecord() {
    return prefix + "log/" + UUID.randomUUID() + ".json";
  }

  public String newCheckpoint(long version) {
    return prefix + "checkpoints/" + String.format("%020d", version) + "-" + UUID.randomUUID() + ".json";
  }

  public String newCheckpointPart() {
    return prefix + "checkpoints/part-" + UUID.randomUUID() + ".parquet";
  }

  public String newHistoryObject(String kind, long version) {
    return prefix + "history/" + kind + "-" + String.format("%020d", version) + "-" + UUID.randomUUID() + ".json";
  }

  public String newDataFile() {
    return newDataFile("");
  }

  /**
   * A new data file in a partition's folder, {@code data/<partitionPath>/<uuid>.parquet}.
   *
   * @param partitionPath as {@code PartitionSpec.path} gives it (URL-encoded segments); empty: {@code data/}
   */
  public String newDataFile(String partitionPath) {
    return prefix + "data/" + (partitionPath.isEmpty() ? "" : partitionPath + "/") + UUID.randomUUID()
        + ".parquet";
  }

  public String newDeletionVectors() {
    return prefix + "deletes/" + UUID.randomUUID() + ".dv";
  }

  /**
   * Whether {@code location} is one of this table's own objects: under its root, with no {@code .} or
   * {@code ..} segment that could lead out of it. Maintenance deletes nothing else.
   */
  public boolean owns(String location) {
    return location.startsWith(prefix) && !escapes(location.substring(prefix.length()));
  }

  /** Whether {@code location} lies in this table's data folder (and does not lead out of it). */
  public boolean ownsDataFile(String location) {
    return location.startsWith(prefix + "data/") && !escapes(location.substring(prefix.length()));
  }

  private static boolean escapes(String relative) {
    for (String segment : relative.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return true;
      }
    }
    return false;
  }

  /** The form stored in the log: relative when under the table, unchanged otherwise. */
  public String relativize(String location) {
    return location.startsWith(prefix) ? location.substring(prefix.length()) : location;
  }

  /** The inverse of {@link #relativize}. */
  public String resolve(String stored) {
    if (stored.contains("://") || stored.startsWith("/") || stored.startsWith("file:")) {
      return stored;
    }
    return store.resolve(root, stored);
  }
}
