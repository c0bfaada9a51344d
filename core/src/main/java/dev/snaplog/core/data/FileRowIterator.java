package dev.snaplog.core.data;

import dev.snaplog.core.Record;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.InputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The rows of one data file in file order, read lazily; how a row group's values are decoded is the subclass's.
 * A failure closes the file and surfaces typed: unreadable storage as {@link StorageException}, undecodable pages
 * as {@link CorruptTableException}.
 */
abstract class FileRowIterator implements Iterator<Record> {
  private final InputFile in;
  /** The row {@link #advance()} found, handed out by the next {@link #next()}. */
  Record next;
  /** Set when the file is used up or closed. */
  boolean done;

  FileRowIterator(InputFile in) {
    this.in = in;
  }

  /** Reads on until {@link #next} holds a row or {@link #done} is set; may return early to be called again. */
  abstract void advance() throws IOException;

  /** Releases the file; sets {@link #done}. */
  abstract void closeQuietly();

  @Override
  public final boolean hasNext() {
    try {
      while (next == null && !done) {
        advance();
      }
    } catch (IOException e) {
      closeQuietly();
      throw new StorageException("read", in.location(), e);
    } catch (UncheckedIOException e) {
      closeQuietly();
      throw new StorageException("read", in.location(), e.getCause());
    } catch (ParquetDecodingException e) {
      closeQuietly();
      throw new CorruptTableException("Data file " + in.location() + " cannot be decoded: " + e.getMessage(),
          null, null, e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
    return next != null;
  }

  @Override
  public final Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record r = next;
    next = null;
    return r;
  }
}
