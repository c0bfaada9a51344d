package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.Schema;
import dev.snaplog.core.VerifyReport;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.manifest.DeletionVectors;
import dev.snaplog.manifest.ReferenceCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks everything the retained history references and reports what is missing or unreadable: log objects
 * are decoded, data files have their footer read (or, deep, every page) and their row count compared with
 * the log's; deletion vectors are read and checked against their file's entry.
 */
final class Verifier {
  private Verifier() {}

  static VerifyReport verify(TableOperations ops, boolean readEveryPage) {
    TableState head = ops.refresh();
    ReferenceCollector refs = RetainedVersions.references(ops, head, true);
    List<String> problems = new ArrayList<>(refs.problems());
    Schema schema = head.metadata().schema();
    for (String data : refs.dataFiles()) {
      try {
        long rows = ParquetFormat.checkReadable(ops.storage().objects().newInputFile(data), schema, readEveryPage);
        long expected = refs.recordCount(data);
        if (rows != expected) {
          problems.add("data file " + data + " holds " + rows + " rows but the log records " + expected);
        }
      } catch (NotFoundException e) {
        problems.add("data file " + data + " is missing");
      } catch (CorruptTableException e) {
        problems.add("data file " + data + " is damaged: " + e.getMessage());
      } catch (StorageException e) {
        problems.add("data file " + data + " could not be read: " + e.getMessage());
      }
    }
    for (DataFile file : refs.filesWithDeletionVectors()) {
      try {
        DeletionVectors.read(ops.storage().objects(), file);
      } catch (CorruptTableException | StorageException e) {
        problems.add("deletion vector of data file " + file.location() + ": " + e.getMessage());
      }
    }
    return new VerifyReport(refs.versions(), refs.objects().size() + refs.dataFiles().size()
        + refs.deletionVectorObjects().size(), problems);
  }
}
