package dev.snaplog.core.exceptions;

/** The namespace does not exist. */
public class NoSuchNamespaceException extends SnaplogException {
  public NoSuchNamespaceException(String namespace) {
    super("Namespace " + namespace + " does not exist; create it first");
  }
}
