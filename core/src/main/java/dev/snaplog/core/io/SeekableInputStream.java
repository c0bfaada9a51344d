package dev.snaplog.core.io;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that can jump to any position of the object. */
public abstract class SeekableInputStream extends InputStream {
  /** The current position from the start of the object. */
  public abstract long position() throws IOException;

  /** Moves to {@code position} bytes from the start of the object. */
  public abstract void seek(long position) throws IOException;
}
