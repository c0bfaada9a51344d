package dev.snaplog.core;

/**
 * What a file entry of the log holds. Rows deleted from a data file are not a file of their own: they are a
 * deletion vector the data file's entry names ({@link DataFile#deletionVector()}).
 */
public enum FileContent {
  /** Table rows. */
  DATA;

  /** Every kind's stored form, made once: decoding a checkpoint looks one up per file entry. */
  private static final FileContent[] KINDS = values();
  private static final String[] IDS = java.util.Arrays.stream(KINDS)
      .map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

  /** The form stored in the log. */
  public String id() {
    return IDS[ordinal()];
  }

  /** The kind stored as {@code id}; empty when this build does not know it. */
  public static java.util.Optional<FileContent> fromId(String id) {
    for (int i = 0; i < IDS.length; i++) {
      if (IDS[i].equals(id)) {
        return java.util.Optional.of(KINDS[i]);
      }
    }
    return java.util.Optional.empty();
  }
}
