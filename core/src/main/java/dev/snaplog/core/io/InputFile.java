package dev.snaplog.core.io;

import java.io.IOException;

/** An immutable object that can be read at any offset; Parquet reads its footer and column chunks by range. */
public interface InputFile {
  String location();

  /** Length in bytes. */
  long length();

  /** A new stream positioned at 0. The caller closes it. */
  SeekableInputStream newStream();

  /** Reads the whole object; meant for small objects such as metadata and manifests. */
  default byte[] readAllBytes() {
    try (SeekableInputStream in = newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new dev.snaplog.core.exceptions.StorageException("read", location(), e);
    }
  }
}
