package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.SeekableInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Deletion vectors: the deleted row positions of data files, as RoaringBitmaps (compressed bitmaps, the
 * structure Iceberg, Delta Lake and Lucene use). One commit writes the vectors of every file it deletes from
 * into one immutable object: a 5-byte header ({@code SLDV} and a format byte) followed by each vector in the
 * portable RoaringBitmap serialisation; the log names each vector by offset and length. A reader fetches only
 * the byte range of the file it reads.
 */
public final class DeletionVectors {
  private static final byte[] MAGIC = {'S', 'L', 'D', 'V'};
  private static final byte FORMAT = 1;

  private DeletionVectors() {}

  /**
   * Writes the vectors (by data file location) into one new object at {@code location}, create-only.
   *
   * @return each file's reference into it
   */
  public static Map<String, DeletionVectorRef> write(ObjectStore store, String location,
      Map<String, RoaringBitmap> vectors) {
    int size = MAGIC.length + 1;
    for (RoaringBitmap bitmap : vectors.values()) {
      bitmap.runOptimize();
      size = Math.addExact(size, bitmap.serializedSizeInBytes());
    }
    // serialized into one buffer of the exact size: through a DataOutput the library writes value by value
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(MAGIC).put(FORMAT);
    Map<String, DeletionVectorRef> refs = new LinkedHashMap<>();
    for (Map.Entry<String, RoaringBitmap> e : vectors.entrySet()) {
      RoaringBitmap bitmap = e.getValue();
      int offset = out.position();
      bitmap.serialize(out);
      refs.put(e.getKey(), new DeletionVectorRef(location, offset, out.position() - offset,
          bitmap.getLongCardinality()));
    }
    store.putIfAbsent(location, out.array());
    return refs;
  }

  /**
   * The deleted positions of {@code file}; empty when it has no vector.
   *
   * @throws CorruptTableException if the vector is missing, unreadable, or disagrees with the log (count, or a
   *     position past the file's row count)
   */
  public static RoaringBitmap read(ObjectStore store, DataFile file) {
    if (file.deletionVector().isEmpty()) {
      return new RoaringBitmap();
    }
    DeletionVectorRef dv = file.deletionVector().get();
    byte[] blob = new byte[Math.toIntExact(dv.length())];
    try (SeekableInputStream in = store.newInputFile(dv.location()).newStream()) {
      if (dv.offset() < MAGIC.length + 1) {
        throw corrupt(file, "starts inside the object's header");
      }
      in.seek(dv.offset());
      new DataInputStream(in).readFully(blob);
    } catch (NotFoundException e) {
      throw new CorruptTableException("The deletion vector " + dv.location() + " of data file " + file.location()
          + " is missing; the log names it but it is gone. Run 'snaplog verify' to list every missing object",
          null, null, e);
    } catch (java.io.EOFException e) {
      throw corrupt(file, "lies past the end of " + dv.location());
    } catch (IOException e) {
      throw new StorageException("read", dv.location(), e);
    }
    RoaringBitmap bitmap = new RoaringBitmap();
    try {
      bitmap.deserialize(ByteBuffer.wrap(blob));
    } catch (IOException | RuntimeException e) {
      throw corrupt(file, "cannot be decoded: " + e.getMessage());
    }
    if (bitmap.getLongCardinality() != dv.deletedCount()) {
      throw corrupt(file, "holds " + bitmap.getLongCardinality() + " positions but the log records "
          + dv.deletedCount());
    }
    if (!bitmap.isEmpty() && Integer.toUnsignedLong(bitmap.last()) >= file.recordCount()) {
      throw corrupt(file, "deletes row " + Integer.toUnsignedLong(bitmap.last()) + " of a file of "
          + file.recordCount() + " rows");
    }
    return bitmap;
  }

  /**
   * A test of "is this row deleted" for a reader that asks about a file's positions in ascending order (it may
   * skip positions, as a reader skipping row groups does): it walks the vector alongside the reader, so a row
   * costs a comparison where {@link RoaringBitmap#contains} costs a container search. A position asked below
   * one asked before answers as {@code contains} does, only slower.
   */
  public static LongPredicate inOrder(RoaringBitmap deleted) {
    if (deleted.isEmpty()) {
      return position -> false;
    }
    return new LongPredicate() {
      private final PeekableIntIterator walk = deleted.getIntIterator();
      private long next = Integer.toUnsignedLong(walk.peekNext());
      private long last = -1;

      @Override
      public boolean test(long position) {
        if (position < last) {
          return deleted.contains((int) position);
        }
        last = position;
        if (position < next) {
          return false;
        }
        if (position > next) {
          walk.advanceIfNeeded((int) position);
          next = walk.hasNext() ? Integer.toUnsignedLong(walk.peekNext()) : Long.MAX_VALUE;
        }
        return position == next;
      }
    };
  }

  private static CorruptTableException corrupt(DataFile file, String problem) {
    return new CorruptTableException("The deletion vector of data file " + file.location() + " (in "
        + file.deletionVector().map(DeletionVectorRef::location).orElse("?") + ") " + problem, null, null, null);
  }
}
