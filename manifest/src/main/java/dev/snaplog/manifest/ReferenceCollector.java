package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.StorageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Collects every object a set of versions references: their metadata files, history index objects,
 * checkpoints, checkpoint parts, log records, data files and deletion vectors. Shared objects are read once however many
 * versions name them, so walking a long history costs one read per distinct object. Expiry, orphan removal
 * and verification all use it, so they agree on what is reachable.
 *
 * <p>In lenient mode an object that is missing or unreadable is recorded as a problem instead of failing the
 * walk, which is what verification needs.
 */
public final class ReferenceCollector {
  private final TableLog log;
  private final boolean lenient;
  private final Set<String> objects = new LinkedHashSet<>();
  /** Referenced data files, each with the row count the log records for it. */
  private final Map<String, Long> dataFiles = new LinkedHashMap<>();
  /** Referenced deletion vectors, each with the file entry that names it. */
  private final Map<DeletionVectorRef, DataFile> deletionVectors = new LinkedHashMap<>();
  private final Set<String> walked = new HashSet<>();
  private final List<String> problems = new ArrayList<>();
  private long versions;

  public ReferenceCollector(TableLog log, boolean lenient) {
    this.log = log;
    this.lenient = lenient;
  }

  /** Adds a version by the location of its metadata file. */
  public void addVersion(String metadataLocation) {
    versions++;
    objects.add(metadataLocation);
    TableMetadata m = attempt(metadataLocation, "metadata", () -> log.readMetadata(metadataLocation));
    if (m != null) {
      addVersion(m);
    }
  }

  private void addVersion(TableMetadata m) {
    m.history().root().ifPresent(root -> {
      objects.add(root);
      if (walked.add(root)) {
        List<HistoryIndex.LeafRef> leaves = attempt(root, "history root", () -> log.readHistoryRoot(root));
        if (leaves != null) {
          leaves.forEach(l -> objects.add(l.location()));
        }
      }
    });
    addFileSet(m.fileSet(), m);
    m.branches().values().forEach(b -> addFileSet(b.fileSet(), m));
    m.logRecord().ifPresent(l -> addLogRecord(l, m));
  }

  private void addFileSet(FileSetState fileSet, TableMetadata context) {
    fileSet.checkpoint().ifPresent(c -> {
      objects.add(c);
      if (walked.add(c)) {
        Checkpoint checkpoint = attempt(c, "checkpoint", () -> log.readCheckpoint(c, context));
        if (checkpoint != null) {
          for (CheckpointPart part : checkpoint.parts()) {
            objects.add(part.location());
            if (walked.add(part.location())) {
              List<DataFile> files = attempt(part.location(), "checkpoint part",
                  () -> log.readPart(part.location(), context));
              if (files != null) {
                files.forEach(this::addDataFile);
              }
            }
          }
        }
      }
    });
    for (String l : fileSet.logRecords()) {
      addLogRecord(l, context);
    }
  }

  private void addLogRecord(String l, TableMetadata context) {
    objects.add(l);
    if (walked.add(l)) {
      LogRecord r = attempt(l, "log record", () -> log.readLogRecord(l, context));
      if (r != null) {
        r.added().forEach(this::addDataFile);
      }
    }
  }

  private void addDataFile(DataFile f) {
    dataFiles.put(f.location(), f.recordCount());
    f.deletionVector().ifPresent(dv -> deletionVectors.putIfAbsent(dv, f));
  }

  private <T> T attempt(String location, String what, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (CorruptTableException | StorageException e) {
      if (!lenient) {
        throw e;
      }
      problems.add(what + " " + location + ": " + e.getMessage());
      return null;
    }
  }

  /** Every referenced log object (not data files). */
  public Set<String> objects() {
    return objects;
  }

  public Set<String> dataFiles() {
    return dataFiles.keySet();
  }

  /** The row count the log records for a referenced data file. */
  public long recordCount(String dataFile) {
    return dataFiles.get(dataFile);
  }

  /** The objects holding referenced deletion vectors; maintenance treats them like data files. */
  public Set<String> deletionVectorObjects() {
    Set<String> out = new LinkedHashSet<>();
    deletionVectors.keySet().forEach(dv -> out.add(dv.location()));
    return out;
  }

  /** Every referenced file entry that names a deletion vector (one per distinct vector). */
  public java.util.Collection<DataFile> filesWithDeletionVectors() {
    return deletionVectors.values();
  }

  /** Log objects, data files and deletion vector objects together. */
  public Set<String> all() {
    Set<String> all = new HashSet<>(objects);
    all.addAll(dataFiles.keySet());
    all.addAll(deletionVectorObjects());
    return all;
  }

  public List<String> problems() {
    return problems;
  }

  public long versions() {
    return versions;
  }
}
