/**
 * The checks {@code snaplog doctor} runs against a local warehouse (S3 uses the s3-io probe).
 */
package dev.snaplog.cli.doctor;
