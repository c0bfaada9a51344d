package dev.snaplog.manifest;

/**
 * Format versions of the objects this build writes and the newest it reads. Readers refuse a newer version
 * outright instead of guessing at fields they do not know.
 */
public final class FormatVersions {
  public static final int POINTER = 1;
  public static final int METADATA = 1;
  public static final int LOG_RECORD = 1;
  public static final int CHECKPOINT = 1;

  private FormatVersions() {}
}
