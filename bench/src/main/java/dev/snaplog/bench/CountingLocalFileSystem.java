package dev.snaplog.bench;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * Hadoop's local filesystem (what {@code file:} resolves to for Iceberg's HadoopTables) counting each primitive
 * call as a request: GET (open), PUT (create), HEAD (getFileStatus, also behind exists), LIST, RENAME, DELETE,
 * MKDIRS. Installed as {@code fs.file.impl}; Hadoop creates it by reflection, hence the static counters.
 *
 * <p>Without Hadoop's native library, the raw local filesystem sets the permission of every new file by
 * forking {@code chmod}: most of an Iceberg commit's time on a local disk went there. No object store has that
 * cost, so the bench skips it ({@link NoChmodRawLocalFileSystem}); files keep the umask's permissions.
 */
public final class CountingLocalFileSystem extends LocalFileSystem {
  static final Counters COUNTERS = new Counters();

  public CountingLocalFileSystem() {
    super(new NoChmodRawLocalFileSystem());
  }

  /** The raw local filesystem minus the fork of {@code chmod} per created file. */
  static final class NoChmodRawLocalFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) {
      // default permissions from the umask are what the chmod would set anyway
    }
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    COUNTERS.request("GET");
    return super.open(f, bufferSize);
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                   short replication, long blockSize, Progressable progress) throws IOException {
    COUNTERS.request("PUT");
    if (f.getName().endsWith(".metadata.json")) {
      COUNTERS.metadataWrite();
    }
    FSDataOutputStream out = super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    return new FSDataOutputStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
        COUNTERS.written(1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        COUNTERS.written(len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    }, null);
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    COUNTERS.request("RENAME");
    return super.rename(src, dst);
  }

  @Override
  public boolean delete(Path f, boolean recursive) throws IOException {
    COUNTERS.request("DELETE");
    return super.delete(f, recursive);
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    COUNTERS.request("HEAD");
    return super.getFileStatus(f);
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    COUNTERS.request("LIST");
    return super.listStatus(f);
  }

  @Override
  public boolean mkdirs(Path f, FsPermission permission) throws IOException {
    COUNTERS.request("MKDIRS");
    return super.mkdirs(f, permission);
  }
}
