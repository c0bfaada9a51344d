package dev.snaplog.core.io.local;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PointerStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pointers as files, swapped under an exclusive lock. The compare and the replace happen while holding an OS
 * file lock on a sibling {@code .lock} file, so the swap is atomic across processes on one machine; the
 * replace itself is a rename of a fsynced temp file, so a reader never needs the lock and a crash at any
 * instant leaves the old or the new pointer. The OS releases the lock of a killed process.
 *
 * <p>The token is a hash of the content, as an ETag is on S3: pointer contents always differ between
 * versions because each names a new, uniquely named metadata file.
 */
public final class LocalPointerStore implements PointerStore {
  // FileChannel locks are per process; threads of one JVM must queue here first or they get
  // OverlappingFileLockException.
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  @Override
  public Optional<Pointer> read(String location) {
    Path path = LocalPaths.toPath(location);
    try {
      byte[] bytes = Files.readAllBytes(path);
      return Optional.of(new Pointer(bytes, token(bytes)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("read pointer", location, e);
    }
  }

  @Override
  public Pointer create(String location, byte[] bytes) {
    Path target = LocalPaths.toPath(location);
    try {
      Path temp = LocalFiles.tempSibling(target);
      LocalFiles.writeDurably(temp, bytes);
      LocalFiles.publishCreateOnly(temp, target);
    } catch (IOException e) {
      throw new StorageException("create pointer", location, e);
    }
    return new Pointer(bytes.clone(), token(bytes));
  }

  @Override
  public Pointer swap(String location, String expectedToken, byte[] bytes) {
    Path target = LocalPaths.toPath(location);
    return underLock(target, location, () -> {
      String current = currentToken(target);
      if (current == null) {
        throw new CommitRaceLostException("Pointer " + location + " no longer exists (table dropped?)");
      }
      if (!current.equals(expectedToken)) {
        throw new CommitRaceLostException("Pointer " + location + " changed: expected token " + expectedToken
            + ", found " + current);
      }
      Path temp = LocalFiles.tempSibling(target);
      LocalFiles.writeDurably(temp, bytes);
      LocalFiles.publishReplace(temp, target);
      return new Pointer(bytes.clone(), token(bytes));
    });
  }

  @Override
  public void delete(String location, String expectedToken) {
    Path target = LocalPaths.toPath(location);
    underLock(target, location, () -> {
      String current = currentToken(target);
      if (current != null && !current.equals(expectedToken)) {
        throw new CommitRaceLostException("Pointer " + location + " changed before it could be deleted");
      }
      Files.deleteIfExists(target);
      return null;
    });
  }

  private interface LockedAction<T> {
    T run() throws IOException;
  }

  private static <T> T underLock(Path target, String location, LockedAction<T> action) {
    ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(target, p -> new ReentrantLock());
    jvmLock.lock();
    try {
      Path lockFile = target.resolveSibling(target.getFileName() + ".lock");
      Files.createDirectories(target.getParent());
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = ch.lock()) {
        return action.run();
      }
    } catch (IOException e) {
      throw new StorageException("swap pointer", location, e);
    } finally {
      jvmLock.unlock();
    }
  }

  private static String currentToken(Path target) throws IOException {
    try {
      return token(Files.readAllBytes(target));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  static String token(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }
}
