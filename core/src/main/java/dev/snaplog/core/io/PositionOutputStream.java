package dev.snaplog.core.io;

import java.io.IOException;
import java.io.OutputStream;

/** An output stream that knows how many bytes it has written (Parquet records offsets in its footer). */
public abstract class PositionOutputStream extends OutputStream {
  public abstract long position() throws IOException;

  /** Discards what was written; the object is never created. Safe to call after a failure. */
  public abstract void abort();
}
