package dev.snaplog.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured durations of one system in one workload; percentiles by nearest rank. */
final class Samples {
  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  void addNanosAsMillis(long nanos) {
    values.add(nanos / 1e6);
  }

  int count() {
    return values.size();
  }

  double median() {
    return percentile(50);
  }

  double p95() {
    return percentile(95);
  }

  double p99() {
    return percentile(99);
  }

  double percentile(double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double min() {
    return percentile(0);
  }

  double max() {
    return percentile(100);
  }

  /** What a median of Snaplog's and Iceberg's rounds has to be read with: how many, and each system's range. */
  static String spread(Samples snaplog, Samples iceberg) {
    return String.format("median of %d; range S %s, I %s", snaplog.count(), snaplog.range(), iceberg.range());
  }

  /** {@code "min-max"} of the values, formatted as the report formats numbers. */
  String range() {
    return Report.num(min()) + "-" + Report.num(max());
  }

  double mean() {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
