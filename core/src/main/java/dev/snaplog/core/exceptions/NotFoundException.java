package dev.snaplog.core.exceptions;

/** An object that should exist is absent. */
public class NotFoundException extends StorageException {
  public NotFoundException(String location) {
    super("Object not found: " + location, location);
  }
}
