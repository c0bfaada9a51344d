package dev.snaplog.catalog.internal;

import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.IndexEntry;
import dev.snaplog.manifest.ReferenceCollector;
import java.util.ArrayList;
import java.util.List;

/** The metadata locations of every version a table still keeps: the head, the indexed ones, the pinned ones. */
final class RetainedVersions {
  private RetainedVersions() {}

  static List<String> of(TableOperations ops, TableState head) {
    List<String> out = new ArrayList<>();
    out.add(head.metadataLocation());
    for (IndexEntry e : HistoryIndex.newestFirst(ops.log(), head.metadata())) {
      out.add(e.metadataLocation());
    }
    head.metadata().history().pinned().forEach(e -> out.add(e.metadataLocation()));
    return out;
  }

  /** Everything the retained versions reference. */
  static ReferenceCollector references(TableOperations ops, TableState head, boolean lenient) {
    ReferenceCollector c = new ReferenceCollector(ops.log(), lenient);
    of(ops, head).forEach(c::addVersion);
    return c;
  }
}
