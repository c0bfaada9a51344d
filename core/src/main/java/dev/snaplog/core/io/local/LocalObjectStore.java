package dev.snaplog.core.io.local;

import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.OutputFile;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.SeekableInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Immutable objects as files under a local directory, with the same create-only guarantee as S3. */
public final class LocalObjectStore implements ObjectStore {

  @Override
  public InputFile newInputFile(String location) {
    Path path = LocalPaths.toPath(location);
    return new InputFile() {
      @Override
      public String location() {
        return location;
      }

      @Override
      public long length() {
        try {
          return Files.size(path);
        } catch (NoSuchFileException e) {
          throw new NotFoundException(location);
        } catch (IOException e) {
          throw new StorageException("stat", location, e);
        }
      }

      @Override
      public SeekableInputStream newStream() {
        try {
          return new FileSeekableStream(new RandomAccessFile(path.toFile(), "r"));
        } catch (java.io.FileNotFoundException e) {
          throw new NotFoundException(location);
        }
      }

      @Override
      public byte[] readAllBytes() {
        try {
          return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
          throw new NotFoundException(location);
        } catch (IOException e) {
          throw new StorageException("read", location, e);
        }
      }
    };
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path target = LocalPaths.toPath(location);
    return new OutputFile() {
      @Override
      public String location() {
        return location;
      }

      @Override
      public PositionOutputStream create() {
        try {
          return new TempFileOutputStream(target);
        } catch (IOException e) {
          throw new StorageException("create", location, e);
        }
      }
    };
  }

  @Override
  public void putIfAbsent(String location, byte[] bytes) {
    Path target = LocalPaths.toPath(location);
    Path temp;
    try {
      temp = LocalFiles.tempSibling(target);
      LocalFiles.writeDurably(temp, bytes);
    } catch (IOException e) {
      throw new StorageException("write", location, e);
    }
    LocalFiles.publishCreateOnly(temp, target);
  }

  @Override
  public Optional<byte[]> readIfExists(String location) {
    try {
      return Optional.of(Files.readAllBytes(LocalPaths.toPath(location)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("read", location, e);
    }
  }

  @Override
  public boolean exists(String location) {
    return Files.isRegularFile(LocalPaths.toPath(location));
  }

  /**
   * A temp file of a write in progress is not an object yet (as an unfinished multipart upload is not on
   * S3), so listings leave it out while it keeps changing; one untouched for this long was left by a writer
   * that died, and is listed so that orphan removal can delete it.
   */
  static final long ABANDONED_TEMP_AGE_MILLIS = 60 * 60 * 1000L;

  @Override
  public Optional<ObjectInfo> stat(String location) {
    Path path = LocalPaths.toPath(location);
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      return attrs.isRegularFile()
          ? Optional.of(new ObjectInfo(location, attrs.size(), attrs.lastModifiedTime().toMillis()))
          : Optional.empty();
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("stat", location, e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    Path root = LocalPaths.toPath(prefix);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<ObjectInfo> out = new ArrayList<>();
    long abandonedBefore = System.currentTimeMillis() - ABANDONED_TEMP_AGE_MILLIS;
    try (Stream<Path> walk = Files.walk(root)) {
      walk.forEach(p -> {
        try {
          BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
          boolean inProgress = p.getFileName().toString().startsWith(LocalFiles.TEMP_PREFIX)
              && attrs.lastModifiedTime().toMillis() >= abandonedBefore;
          if (attrs.isRegularFile() && !inProgress) {
            out.add(new ObjectInfo(LocalPaths.toLocation(p), attrs.size(), attrs.lastModifiedTime().toMillis()));
          }
        } catch (NoSuchFileException e) {
          // deleted while listing
        } catch (IOException e) {
          throw new StorageException("list", prefix, e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw new StorageException("list", prefix, e.getCause());
      }
    } catch (IOException e) {
      throw new StorageException("list", prefix, e);
    }
    out.sort(Comparator.comparing(ObjectInfo::location));
    return out;
  }

  @Override
  public List<String> listChildren(String prefix) {
    Path root = LocalPaths.toPath(prefix);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StorageException("list", prefix, e);
    }
  }

  @Override
  public void delete(String location) {
    try {
      Files.deleteIfExists(LocalPaths.toPath(location));
    } catch (IOException e) {
      throw new StorageException("delete", location, e);
    }
  }

  private static final class FileSeekableStream extends SeekableInputStream {
    private final RandomAccessFile file;

    FileSeekableStream(RandomAccessFile file) {
      this.file = file;
    }

    @Override
    public long position() throws IOException {
      return file.getFilePointer();
    }

    @Override
    public void seek(long position) throws IOException {
      file.seek(position);
    }

    @Override
    public int read() throws IOException {
      return file.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return file.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  /** Streams into a hidden temp file; close() fsyncs and publishes it create-only. */
  private static final class TempFileOutputStream extends PositionOutputStream {
    private final Path target;
    private final Path temp;
    private final java.io.FileOutputStream fileOut;
    private final OutputStream out;
    private long position;
    private boolean closed;

    TempFileOutputStream(Path target) throws IOException {
      this.target = target;
      this.temp = LocalFiles.tempSibling(target);
      this.fileOut = new java.io.FileOutputStream(temp.toFile());
      this.out = new BufferedOutputStream(fileOut, 1 << 16);
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      position += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        out.flush();
        fileOut.getFD().sync();
      } finally {
        out.close();
      }
      LocalFiles.publishCreateOnly(temp, target);
    }

    @Override
    public void abort() {
      if (!closed) {
        closed = true;
        try {
          out.close();
        } catch (IOException e) {
          // discarded anyway
        }
      }
      LocalFiles.deleteQuietly(temp);
    }
  }
}
