package dev.snaplog.bench;

import dev.snaplog.core.io.ForwardingObjectStore;
import dev.snaplog.core.io.ForwardingPointerStore;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.OutputFile;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PointerStore;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.SeekableInputStream;
import dev.snaplog.core.io.Storage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Snaplog storage that counts each call as the request it would be on S3: GET, PUT, HEAD, LIST, DELETE for
 * objects, and GET-POINTER / CREATE-POINTER / CAS for the pointer.
 */
final class CountingStorage {
  private CountingStorage() {}

  static Storage wrap(Storage raw, Counters counters) {
    return new Storage(new Objects(raw.objects(), counters), new Pointers(raw.pointers(), counters), raw.root());
  }

  private static void noteWrite(Counters c, String location) {
    if (location.contains("/metadata/")) {
      c.metadataWrite();
    }
  }

  private static final class Objects extends ForwardingObjectStore {
    private final Counters c;

    Objects(ObjectStore delegate, Counters c) {
      super(delegate);
      this.c = c;
    }

    @Override
    public InputFile newInputFile(String location) {
      InputFile in = delegate().newInputFile(location);
      return new InputFile() {
        @Override
        public String location() {
          return in.location();
        }

        @Override
        public long length() {
          c.request("HEAD");
          return in.length();
        }

        @Override
        public SeekableInputStream newStream() {
          c.request("GET");
          return in.newStream();
        }
      };
    }

    @Override
    public OutputFile newOutputFile(String location) {
      OutputFile out = delegate().newOutputFile(location);
      return new OutputFile() {
        @Override
        public String location() {
          return out.location();
        }

        @Override
        public PositionOutputStream create() {
          c.request("PUT");
          noteWrite(c, location);
          PositionOutputStream s = out.create();
          return new PositionOutputStream() {
            @Override
            public long position() throws IOException {
              return s.position();
            }

            @Override
            public void abort() {
              s.abort();
            }

            @Override
            public void write(int b) throws IOException {
              s.write(b);
              c.written(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              s.write(b, off, len);
              c.written(len);
            }

            @Override
            public void flush() throws IOException {
              s.flush();
            }

            @Override
            public void close() throws IOException {
              s.close();
            }
          };
        }
      };
    }

    @Override
    public void putIfAbsent(String location, byte[] bytes) {
      c.request("PUT");
      c.written(bytes.length);
      noteWrite(c, location);
      super.putIfAbsent(location, bytes);
    }

    @Override
    public Optional<byte[]> readIfExists(String location) {
      c.request("GET");
      return super.readIfExists(location);
    }

    @Override
    public boolean exists(String location) {
      c.request("HEAD");
      return super.exists(location);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
      c.request("LIST");
      return super.list(prefix);
    }

    @Override
    public List<String> listChildren(String prefix) {
      c.request("LIST");
      return super.listChildren(prefix);
    }

    @Override
    public void delete(String location) {
      c.request("DELETE");
      super.delete(location);
    }
  }

  private static final class Pointers extends ForwardingPointerStore {
    private final Counters c;

    Pointers(PointerStore delegate, Counters c) {
      super(delegate);
      this.c = c;
    }

    @Override
    public Optional<Pointer> read(String location) {
      c.request("GET-POINTER");
      return super.read(location);
    }

    @Override
    public Pointer create(String location, byte[] bytes) {
      c.request("CREATE-POINTER");
      c.written(bytes.length);
      return super.create(location, bytes);
    }

    @Override
    public Pointer swap(String location, String expectedToken, byte[] bytes) {
      c.request("CAS");
      c.written(bytes.length);
      return super.swap(location, expectedToken, bytes);
    }

    @Override
    public void delete(String location, String expectedToken) {
      c.request("DELETE-POINTER");
      super.delete(location, expectedToken);
    }
  }
}
