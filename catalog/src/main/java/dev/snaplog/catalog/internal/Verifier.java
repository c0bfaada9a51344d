package dev.snaplog.catalog.internal;

import dev.snaplog.core.VerifyReport;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.manifest.ReferenceCollector;
import java.util.ArrayList;
import java.util.List;

/** Walks everything the retained history references and reports what is missing or unreadable. */
final class Verifier {
  private Verifier() {}

  static VerifyReport verify(TableOperations ops) {
    TableState head = ops.refresh();
    ReferenceCollector refs = RetainedVersions.references(ops, head, true);
    List<String> problems = new ArrayList<>(refs.problems());
    for (String data : refs.dataFiles()) {
      try {
        if (!ops.storage().objects().exists(data)) {
          problems.add("data file " + data + " is missing");
        }
      } catch (StorageException e) {
        problems.add("data file " + data + " could not be checked: " + e.getMessage());
      }
    }
    return new VerifyReport(refs.versions(), refs.objects().size() + refs.dataFiles().size(), problems);
  }
}
