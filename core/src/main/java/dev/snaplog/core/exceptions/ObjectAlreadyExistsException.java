package dev.snaplog.core.exceptions;

/** A create-only write found the object already present; the existing object was left untouched. */
public class ObjectAlreadyExistsException extends StorageException {
  public ObjectAlreadyExistsException(String location) {
    super("Object already exists: " + location, location);
  }
}
