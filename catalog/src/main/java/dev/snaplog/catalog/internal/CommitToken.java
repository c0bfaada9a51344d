package dev.snaplog.catalog.internal;

import dev.snaplog.core.Limits;
import dev.snaplog.core.exceptions.ValidationException;

/** A parsed {@code writer:sequence} commit token. */
record CommitToken(String writer, long sequence) {
  static CommitToken parse(String token) {
    int colon = token.lastIndexOf(':');
    if (colon <= 0 || colon == token.length() - 1) {
      throw new ValidationException("Commit token '" + token + "' must look like WRITER:SEQUENCE, e.g."
          + " 'ingest-7:42'");
    }
    Limits.checkName("Commit-token writer", token.substring(0, colon)); // stored as a key of the metadata
    long seq;
    try {
      seq = Long.parseLong(token.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new ValidationException("Commit token '" + token + "' must end in a whole number sequence");
    }
    if (seq < 0) {
      throw new ValidationException("Commit token '" + token + "' has a negative sequence");
    }
    return new CommitToken(token.substring(0, colon), seq);
  }

  @Override
  public String toString() {
    return writer + ":" + sequence;
  }
}
