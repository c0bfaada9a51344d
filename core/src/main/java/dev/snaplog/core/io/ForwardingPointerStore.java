package dev.snaplog.core.io;

import java.util.Optional;

/** A pointer store that passes every call to another; subclass it to observe or inject faults. */
public class ForwardingPointerStore implements PointerStore {
  private final PointerStore delegate;

  public ForwardingPointerStore(PointerStore delegate) {
    this.delegate = delegate;
  }

  protected PointerStore delegate() {
    return delegate;
  }

  @Override
  public Optional<Pointer> read(String location) {
    return delegate.read(location);
  }

  @Override
  public Pointer create(String location, byte[] bytes) {
    return delegate.create(location, bytes);
  }

  @Override
  public Pointer swap(String location, String expectedToken, byte[] bytes) {
    return delegate.swap(location, expectedToken, bytes);
  }

  @Override
  public void delete(String location, String expectedToken) {
    delegate.delete(location, expectedToken);
  }
}
