package dev.snaplog.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Storage requests by kind, bytes written, and metadata-file writes (one per commit attempt on both systems,
 * so attempts minus commits is the retry count). Thread-safe.
 */
final class Counters {
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder metadataWrites = new LongAdder();

  void request(String kind) {
    requests.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void written(long bytes) {
    bytesWritten.add(bytes);
  }

  void metadataWrite() {
    metadataWrites.increment();
  }

  long totalRequests() {
    return requests.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long bytesWritten() {
    return bytesWritten.sum();
  }

  long metadataWrites() {
    return metadataWrites.sum();
  }

  /** Requests by kind, sorted, for the report's notes. */
  Map<String, Long> byKind() {
    Map<String, Long> m = new TreeMap<>();
    requests.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  void reset() {
    requests.clear();
    bytesWritten.reset();
    metadataWrites.reset();
  }
}
