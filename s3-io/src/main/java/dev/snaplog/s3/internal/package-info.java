/**
 * Implementation details of the S3 store: error mapping and redaction, ranged input and multipart output
 * streams, create-only PUT retries, and the once-per-bucket conditional-write guard. Not a public API.
 */
package dev.snaplog.s3.internal;
