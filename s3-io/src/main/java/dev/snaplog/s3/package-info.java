/**
 * S3 storage for Snaplog on AWS SDK v2: {@link dev.snaplog.s3.S3ObjectStore} (ranged reads, streamed and
 * multipart create-only writes), {@link dev.snaplog.s3.S3PointerStore} (the commit point: a conditional PUT
 * with {@code If-Match}), {@link dev.snaplog.s3.S3StorageProvider} for {@code s3://} warehouses, and
 * {@link dev.snaplog.s3.S3StoreProbe}, which tells whether a store's conditional writes are really atomic.
 */
package dev.snaplog.s3;
