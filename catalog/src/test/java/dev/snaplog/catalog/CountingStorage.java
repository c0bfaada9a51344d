package dev.snaplog.catalog;

import dev.snaplog.core.io.ForwardingObjectStore;
import dev.snaplog.core.io.ForwardingPointerStore;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.OutputFile;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.SeekableInputStream;
import dev.snaplog.core.io.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Wraps a storage and records every storage operation with its location, for request-count assertions. */
public final class CountingStorage {
  /** One storage operation. */
  public record Op(String kind, String location) {
    @Override
    public String toString() {
      return kind + " " + location;
    }
  }

  private final List<Op> ops = new ArrayList<>();
  private final Storage storage;

  public CountingStorage(Storage inner) {
    this.storage = new Storage(new Objects(inner), new Pointers(inner), inner.root());
  }

  public Storage storage() {
    return storage;
  }

  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  public synchronized void reset() {
    ops.clear();
  }

  public synchronized long count(String kind) {
    return ops.stream().filter(o -> o.kind().equals(kind)).count();
  }

  /** Operations whose location contains {@code fragment}. */
  public synchronized long countAt(String kind, String fragment) {
    return ops.stream().filter(o -> o.kind().equals(kind) && o.location().contains(fragment)).count();
  }

  private synchronized void record(String kind, String location) {
    ops.add(new Op(kind, location));
  }

  private final class Objects extends ForwardingObjectStore {
    Objects(Storage inner) {
      super(inner.objects());
    }

    @Override
    public InputFile newInputFile(String location) {
      InputFile in = super.newInputFile(location);
      return new InputFile() {
        @Override
        public String location() {
          return location;
        }

        @Override
        public long length() {
          record("HEAD", location);
          return in.length();
        }

        @Override
        public SeekableInputStream newStream() {
          record("GET", location);
          return in.newStream();
        }

        @Override
        public byte[] readAllBytes() {
          record("GET", location);
          return in.readAllBytes();
        }
      };
    }

    @Override
    public OutputFile newOutputFile(String location) {
      OutputFile out = super.newOutputFile(location);
      return new OutputFile() {
        @Override
        public String location() {
          return location;
        }

        @Override
        public PositionOutputStream create() {
          record("PUT", location);
          return out.create();
        }
      };
    }

    @Override
    public void putIfAbsent(String location, byte[] bytes) {
      record("PUT", location);
      super.putIfAbsent(location, bytes);
    }

    @Override
    public Optional<byte[]> readIfExists(String location) {
      record("GET", location);
      return super.readIfExists(location);
    }

    @Override
    public boolean exists(String location) {
      record("HEAD", location);
      return super.exists(location);
    }

    @Override
    public List<dev.snaplog.core.io.ObjectInfo> list(String prefix) {
      record("LIST", prefix);
      return super.list(prefix);
    }

    @Override
    public List<String> listChildren(String prefix) {
      record("LIST", prefix);
      return super.listChildren(prefix);
    }

    @Override
    public void delete(String location) {
      record("DELETE", location);
      super.delete(location);
    }
  }

  private final class Pointers extends ForwardingPointerStore {
    Pointers(Storage inner) {
      super(inner.pointers());
    }

    @Override
    public Optional<Pointer> read(String location) {
      record("GET-POINTER", location);
      return super.read(location);
    }

    @Override
    public Pointer create(String location, byte[] bytes) {
      record("CREATE-POINTER", location);
      return super.create(location, bytes);
    }

    @Override
    public Pointer swap(String location, String expectedToken, byte[] bytes) {
      record("CAS-POINTER", location);
      return super.swap(location, expectedToken, bytes);
    }

    @Override
    public void delete(String location, String expectedToken) {
      record("DELETE-POINTER", location);
      super.delete(location, expectedToken);
    }
  }
}
