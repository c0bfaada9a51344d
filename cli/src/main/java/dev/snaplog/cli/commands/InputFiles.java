package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliException;
import dev.snaplog.cli.input.InputFormat;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.cli.input.RowSource;
import dev.snaplog.cli.input.RowSources;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.LossyInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The input files of a command that writes rows ({@code append}, {@code overwrite}, {@code upsert}): each must
 * exist and have a known format, and every row of every file is read and checked before anything is written,
 * so bad input leaves neither a commit nor stray data files.
 */
final class InputFiles {
  private final List<Path> files;
  private final List<InputFormat> formats;

  private InputFiles(List<Path> files, List<InputFormat> formats) {
    this.files = files;
    this.formats = formats;
  }

  /**
   * The files, with the format of each ({@code override} for all when given, else from the name).
   *
   * @throws CliException "not found" for a file that does not exist or is not a regular file
   */
  static InputFiles of(List<Path> files, InputFormat override) {
    List<InputFormat> formats = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw CliException.notFound("Input file " + f + (Files.exists(f) ? " is not a regular file"
            : " does not exist"));
      }
      formats.add(InputFormat.of(f, override));
    }
    return new InputFiles(List.copyOf(files), formats);
  }

  int size() {
    return files.size();
  }

  /**
   * Reads every file whole, converting every row; the total row count.
   *
   * @throws CliException "invalid" when the files hold no row; the reader's error at the first bad value
   */
  long checkAll(Schema schema, LossyInput lossy, Progress progress) {
    long rows = 0;
    for (int i = 0; i < files.size(); i++) {
      rows += check(files.get(i), formats.get(i), schema, lossy, progress);
    }
    if (rows == 0) {
      progress.clear();
      throw CliException.invalid("The input files hold no rows; nothing was committed");
    }
    return rows;
  }

  /** The rows of file {@code i}, read again as they are iterated (once checked by {@link #checkAll}). */
  Iterable<Record> rows(int i, Schema schema, LossyInput lossy, Progress progress) {
    Path f = files.get(i);
    InputFormat format = formats.get(i);
    return () -> new SourceIterator(RowSources.open(f, format, schema, lossy), f, progress);
  }

  /** Reads a whole file, converting every row; returns the row count. Throws at the first bad value. */
  private static long check(Path file, InputFormat format, Schema schema, LossyInput lossy, Progress progress) {
    long n = 0;
    try (RowSource src = RowSources.open(file, format, schema, lossy)) {
      while (src.next() != null) {
        n++;
        if ((n & 1023) == 0) {
          progress.update("checking", file.getFileName().toString(), n, src.bytesRead());
        }
      }
    } catch (RuntimeException e) {
      progress.clear();
      throw e;
    }
    return n;
  }


  /** Iterates one source for the data writer, drawing progress and closing the file at the end. */
  private static final class SourceIterator implements Iterator<Record> {
    private final RowSource src;
    private final String name;
    private final Progress progress;
    private Record next;
    private long n;

    SourceIterator(RowSource src, Path file, Progress progress) {
      this.src = src;
      this.name = file.getFileName().toString();
      this.progress = progress;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        next = src.next();
        if (next == null) {
          src.close();
        }
      }
      return next != null;
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Record r = next;
      next = null;
      if ((++n & 1023) == 0) {
        progress.update("writing", name, n, src.bytesRead());
      }
      return r;
    }
  }
}
