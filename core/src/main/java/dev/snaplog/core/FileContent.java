package dev.snaplog.core;

/**
 * What a file entry of the log holds. Rows deleted from a data file are not a file of their own: they are a
 * deletion vector the data file's entry names ({@link DataFile#deletionVector()}).
 */
public enum FileContent {
  /** Table rows. */
  DATA;

  /** The form stored in the log. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The kind stored as {@code id}; empty when this build does not know it. */
  public static java.util.Optional<FileContent> fromId(String id) {
    for (FileContent c : values()) {
      if (c.id().equals(id)) {
        return java.util.Optional.of(c);
      }
    }
    return java.util.Optional.empty();
  }
}
