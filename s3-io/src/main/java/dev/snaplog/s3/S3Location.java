package dev.snaplog.s3;

/**
 * A parsed {@code s3://bucket/key} location. The key has no leading slash; an empty key is the bucket root.
 *
 * @param bucket bucket name
 * @param key object key or key prefix
 */
public record S3Location(String bucket, String key) {
  /** Parses {@code s3://bucket/key}; rejects other schemes with a message that shows the expected form. */
  public static S3Location parse(String location) {
    if (location == null || !location.startsWith("s3://")) {
      throw new IllegalArgumentException("Not an S3 location: '" + location + "'. Expected s3://bucket/key");
    }
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("S3 location '" + location + "' has no bucket. Expected s3://bucket/key");
    }
    return new S3Location(bucket, key);
  }

  /** The key as a listing prefix: empty, or ending with exactly one "/" so "a/b" does not match "a/bc". */
  public String keyAsPrefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /** A location below this one. */
  public S3Location resolve(String relative) {
    return new S3Location(bucket, keyAsPrefix() + relative);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
