/** An example Spark job on a Snaplog table, run by the module's tests (see examples/README.md). */
package dev.snaplog.spark.example;
