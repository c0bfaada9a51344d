package dev.snaplog.core.exceptions;

/** A namespace with this name already exists. */
public class NamespaceAlreadyExistsException extends SnaplogException {
  public NamespaceAlreadyExistsException(String namespace) {
    super("Namespace " + namespace + " already exists");
  }
}
