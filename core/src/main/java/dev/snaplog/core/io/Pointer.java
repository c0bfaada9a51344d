package dev.snaplog.core.io;

import java.util.Arrays;

/**
 * The content of a table's one mutable object, with the opaque token (an ETag on S3, a content hash on the
 * local filesystem) that a swap must present to replace it.
 */
public record Pointer(byte[] bytes, String token) {
  @Override
  public boolean equals(Object o) {
    return o instanceof Pointer p && Arrays.equals(bytes, p.bytes) && token.equals(p.token);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bytes) + token.hashCode();
  }

  @Override
  public String toString() {
    return "Pointer[token=" + token + ", " + bytes.length + " bytes]";
  }
}
