/**
 * Test S3 servers and SDK interceptors shared with other modules through the s3-io test-jar:
 * {@link dev.snaplog.s3.testing.S3TestServer} picks an environment endpoint, a MinIO container or an S3Mock
 * process; {@link dev.snaplog.s3.testing.CountingInterceptor} and
 * {@link dev.snaplog.s3.testing.FaultInjectingInterceptor} count requests and lose responses.
 */
package dev.snaplog.s3.testing;
