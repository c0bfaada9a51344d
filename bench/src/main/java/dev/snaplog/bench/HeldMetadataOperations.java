package dev.snaplog.bench;

import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;

/**
 * Table operations that keep each committed metadata in memory and write nothing but what the snapshots
 * themselves write (manifests, manifest lists) through the real table's IO. {@link #publish} hands the last
 * metadata to the real operations in one commit.
 *
 * <p>Used to grow a bench history one commit per append without writing (and re-reading) a metadata file of
 * thousands of snapshots per append. Unlike a {@link org.apache.iceberg.Transaction}, every append goes through
 * its own metadata build, so Iceberg's snapshot log keeps one entry per append, as a table that committed each
 * append on its own would.
 */
final class HeldMetadataOperations implements TableOperations {
  private final TableOperations real;
  private final TableMetadata start;
  private TableMetadata held;

  HeldMetadataOperations(TableOperations real) {
    this.real = real;
    this.start = real.current();
    this.held = start;
  }

  /**
   * Commits the held metadata over the metadata these operations started from; the real operations reject it
   * if someone else committed since.
   */
  void publish() {
    if (held != start) {
      real.commit(start, held);
    }
  }

  @Override
  public TableMetadata current() {
    return held;
  }

  @Override
  public TableMetadata refresh() {
    return held;
  }

  @Override
  public void commit(TableMetadata base, TableMetadata metadata) {
    if (base != held) {
      throw new CommitFailedException("Held metadata changed since %s was read", base.metadataFileLocation());
    }
    // A metadata build carries the changes of every build since the last written file, and drops from the
    // snapshot log each snapshot those changes added but did not leave current (as a transaction does).
    // Discarding them here makes each append a commit of its own.
    held = TableMetadata.buildFrom(metadata).discardChanges().build();
  }

  @Override
  public FileIO io() {
    return real.io();
  }

  @Override
  public EncryptionManager encryption() {
    return real.encryption();
  }

  @Override
  public String metadataFileLocation(String fileName) {
    return real.metadataFileLocation(fileName);
  }

  @Override
  public LocationProvider locationProvider() {
    return real.locationProvider();
  }

  @Override
  public long newSnapshotId() {
    return real.newSnapshotId();
  }
}
