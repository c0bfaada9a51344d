package dev.snaplog.core.exceptions;

/** A namespace still holds tables and cannot be dropped. */
public class NamespaceNotEmptyException extends SnaplogException {
  public NamespaceNotEmptyException(String namespace, int tables) {
    super("Namespace " + namespace + " still holds " + tables + " table(s); drop them first");
  }
}
