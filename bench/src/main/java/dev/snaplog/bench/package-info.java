/**
 * Side-by-side benchmarks of Snaplog and Apache Iceberg ({@code bench/run.sh}); not shipped.
 */
package dev.snaplog.bench;
