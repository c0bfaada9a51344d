package dev.snaplog.core.io;

/**
 * A new immutable object. Writing is create-only: the object becomes visible whole when the stream is closed,
 * and closing fails with {@link dev.snaplog.core.exceptions.ObjectAlreadyExistsException} if another writer
 * created it first. A stream abandoned without close leaves nothing visible.
 */
public interface OutputFile {
  String location();

  /** Opens the stream. Large objects stream through it without being held in memory. */
  PositionOutputStream create();
}
