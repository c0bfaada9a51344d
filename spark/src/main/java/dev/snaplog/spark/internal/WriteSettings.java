package dev.snaplog.spark.internal;

import dev.snaplog.core.SnapshotUpdate;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of one write: the branch to append to, an explicit commit token, and snapshot summary
 * properties ({@code snapshot-property.<key>}); plus the write's query id, recorded in the snapshot summary.
 */
final class WriteSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String BRANCH = "branch";
  static final String COMMIT_TOKEN = "commit-token";
  static final String SNAPSHOT_PROPERTY_PREFIX = "snapshot-property.";
  static final String QUERY_ID_PROPERTY = "spark.query-id";

  private final String queryId;
  private final String branch;
  private final String commitToken;
  private final TreeMap<String, String> summary = new TreeMap<>();

  WriteSettings(String queryId, CaseInsensitiveStringMap options) {
    this.queryId = queryId;
    this.branch = options.get(BRANCH);
    this.commitToken = options.get(COMMIT_TOKEN);
    options.asCaseSensitiveMap().forEach((k, v) -> { // summary keys keep the case they were given in
      if (k.startsWith(SNAPSHOT_PROPERTY_PREFIX) && k.length() > SNAPSHOT_PROPERTY_PREFIX.length()) {
        summary.put(k.substring(SNAPSHOT_PROPERTY_PREFIX.length()), v);
      }
    });
    summary.put(QUERY_ID_PROPERTY, queryId);
  }

  String queryId() {
    return queryId;
  }

  Optional<String> commitToken() {
    return Optional.ofNullable(commitToken);
  }

  /** The branch the write commits to, when not main. */
  Optional<String> branch() {
    return Optional.ofNullable(branch).filter(b -> !b.equals("main"));
  }

  /** A commit set up with the branch and summary properties (not the token, which the caller decides). */
  <T extends SnapshotUpdate<T>> T configure(T update) {
    T a = update;
    if (branch != null && !branch.equals("main")) {
      a = a.toBranch(branch);
    }
    for (Map.Entry<String, String> e : summary.entrySet()) {
      a = a.set(e.getKey(), e.getValue());
    }
    return a;
  }
}
