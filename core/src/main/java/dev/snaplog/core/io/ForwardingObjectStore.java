package dev.snaplog.core.io;

import java.util.List;
import java.util.Optional;

/**
 * An object store that passes every call to another; subclass it and override what you want to observe or
 * change (request counting, latency or fault injection, access logs). The conveniences
 * {@link #newInputFile(String, long)} and {@link #deleteAll} are not forwarded as such: they fall back to
 * {@link #newInputFile(String)} and {@link #delete(String)}, so an override of those sees every read and delete.
 */
public class ForwardingObjectStore implements ObjectStore {
  private final ObjectStore delegate;

  public ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
  }

  protected ObjectStore delegate() {
    return delegate;
  }

  @Override
  public InputFile newInputFile(String location) {
    return delegate.newInputFile(location);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    return delegate.newOutputFile(location);
  }

  @Override
  public void putIfAbsent(String location, byte[] bytes) {
    delegate.putIfAbsent(location, bytes);
  }

  @Override
  public Optional<byte[]> readIfExists(String location) {
    return delegate.readIfExists(location);
  }

  @Override
  public boolean exists(String location) {
    return delegate.exists(location);
  }

  @Override
  public java.util.Optional<ObjectInfo> stat(String location) {
    return delegate.stat(location);
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public List<String> listChildren(String prefix) {
    return delegate.listChildren(prefix);
  }

  @Override
  public void delete(String location) {
    delegate.delete(location);
  }

  @Override
  public String resolve(String base, String relative) {
    return delegate.resolve(base, relative);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
