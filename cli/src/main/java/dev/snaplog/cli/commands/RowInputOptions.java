package dev.snaplog.cli.commands;

import dev.snaplog.cli.input.InputFormat;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.types.LossyInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments every command that commits the rows of input files takes ({@code append}, {@code overwrite},
 * {@code upsert}): the table, the files, how to read them, and the commit's token and summary. One definition, so
 * the commands read their input the same way and document it in the same words.
 */
final class RowInputOptions {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE",
      description = "Input files: .csv, .jsonl/.ndjson/.json or .parquet.")
  List<Path> files;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "Read every FILE as ${COMPLETION-CANDIDATES} instead of guessing from its name.")
  InputFormat inputFormat;

  @Option(names = "--commit-token", paramLabel = "WRITER:SEQ",
      description = "Make the commit idempotent: a token already committed (same writer, sequence at or below"
          + " its last) commits nothing and reports the snapshot that holds it.")
  String commitToken;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A summary property of the new snapshot.")
  Map<String, String> summary = new LinkedHashMap<>();

  @Option(names = "--allow-lossy",
      description = "Store input that cannot be stored exactly instead of refusing it: numbers beyond float or"
          + " double range (as infinity or 0), times finer than microseconds (truncated), invalid UTF-8 and"
          + " unpaired surrogates (as U+FFFD), a JSON key given twice in one object (the last value wins).")
  boolean allowLossy;

  LossyInput lossy() {
    return allowLossy ? LossyInput.ALLOW : LossyInput.REFUSE;
  }

  /** The sentence for a commit token found already committed: what it matched, where, and what was not done. */
  String alreadyCommitted(CommitResult r, String nothingDone) {
    return "Commit token " + commitToken + " is already committed (matched " + r.matchedToken().orElseThrow()
        + ", in snapshot " + r.snapshot().snapshotId() + " at version " + r.version() + "); " + nothingDone;
  }

  InputFiles inputFiles() {
    return InputFiles.of(files, inputFormat);
  }
}
