package dev.snaplog.manifest;

/**
 * Format versions of the objects this build writes and the newest it reads. Readers refuse a newer version
 * outright instead of guessing at fields they do not know; every older version stays readable.
 *
 * <p>Metadata version 2 added {@code orphan-horizon-ms}: a writer that ignored it could land a commit naming
 * files that orphan removal is deleting, so writers of version 1 must not commit to such a table, and the bump
 * makes them refuse it. History index objects keep version 1: their content did not change.
 */
public final class FormatVersions {
  public static final int POINTER = 1;
  public static final int METADATA = 2;
  public static final int HISTORY_INDEX = 1;
  public static final int LOG_RECORD = 1;
  public static final int CHECKPOINT = 1;

  private FormatVersions() {}
}
