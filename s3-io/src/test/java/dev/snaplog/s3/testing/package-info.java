/**
 * Test S3 servers and SDK interceptors shared with other modules through the s3-io test-jar:
 * {@link dev.snaplog.s3.testing.S3TestServer} picks an environment endpoint, a MinIO container or an S3Mock
 * process (S3Proxy instead of S3Mock for long histories), behind a proxy that serialises conditional writes
 * where the server's own are not atomic; {@link dev.snaplog.s3.testing.CountingInterceptor} and
 * {@link dev.snaplog.s3.testing.FaultInjectingInterceptor} count requests and lose responses.
 */
package dev.snaplog.s3.testing;
