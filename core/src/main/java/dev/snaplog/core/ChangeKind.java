package dev.snaplog.core;

/** What a change did to one row. */
public enum ChangeKind {
  /** The row became live: it was added by a new data file. */
  INSERT,
  /** The row stopped being live: its file left the table, or a deletion vector now names its position. */
  DELETE
}
