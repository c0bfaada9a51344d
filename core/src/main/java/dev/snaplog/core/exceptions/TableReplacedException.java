package dev.snaplog.core.exceptions;

/**
 * The table name now belongs to a different table than the one this handle loaded: it was dropped and
 * created again. A handle never commits to, or reads, another incarnation of its name; load the table again.
 */
public class TableReplacedException extends NoSuchTableException {
  public TableReplacedException(String table, String expectedUuid, String foundUuid) {
    super("Table " + table + " was dropped and created again since this handle loaded it (table uuid "
        + expectedUuid + ", now " + foundUuid + "); nothing was committed to the new table. Load the table"
        + " again to work with the new one", table, null);
  }
}
