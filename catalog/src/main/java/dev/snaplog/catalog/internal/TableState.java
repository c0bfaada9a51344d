package dev.snaplog.catalog.internal;

import dev.snaplog.core.io.Pointer;
import dev.snaplog.manifest.TableMetadata;

/** A loaded version of a table: the pointer as read (with its swap token) and the metadata it names. */
record TableState(Pointer pointer, String metadataLocation, TableMetadata metadata) {
  long version() {
    return metadata.version();
  }
}
