package dev.snaplog.core.io.local;

import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.core.exceptions.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The durable-write primitives of the local store. Every object is first written to a hidden temporary file
 * in the same directory and fsynced; then it is published with a hard link (create-only: the kernel refuses
 * an existing name atomically) or a rename (replace: atomic on POSIX). A crash at any instant therefore
 * leaves either no object or the whole object, plus at worst a hidden temporary file.
 */
final class LocalFiles {
  static final String TEMP_PREFIX = ".tmp-";

  private LocalFiles() {}

  static Path tempSibling(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    return target.resolveSibling(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
  }

  static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** Publishes a finished temp file under {@code target} only if nothing is there yet. */
  static void publishCreateOnly(Path temp, Path target) {
    try {
      Files.createLink(target, temp);
      syncDirectory(target.getParent());
    } catch (FileAlreadyExistsException e) {
      throw new ObjectAlreadyExistsException(LocalPaths.toLocation(target));
    } catch (IOException e) {
      throw new StorageException("create", LocalPaths.toLocation(target), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Publishes a finished temp file under {@code target}, replacing what is there, atomically. */
  static void publishReplace(Path temp, Path target) throws IOException {
    Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.getParent());
  }

  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some filesystems cannot fsync a directory; the rename itself is still atomic there.
    }
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a leftover temp file is an orphan that orphan removal deletes later
    }
  }
}
