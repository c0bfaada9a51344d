/**
 * Test S3 servers and SDK interceptors shared with other modules through the s3-io test-jar:
 * {@link dev.snaplog.s3.testing.S3TestServer} picks an environment endpoint, a MinIO container or a Ceph RGW
 * cluster it starts itself; {@link dev.snaplog.s3.testing.FaultProxy} injects network and server faults
 * between the SDK and the server; {@link dev.snaplog.s3.testing.CountingInterceptor} and
 * {@link dev.snaplog.s3.testing.FaultInjectingInterceptor} count requests and lose responses.
 */
package dev.snaplog.s3.testing;
