package dev.snaplog.s3.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;

/**
 * Starts a MinIO container when a Docker engine answers. Kept apart so the harness still works in modules
 * that do not put Testcontainers on their test classpath: then this class fails to link and is skipped.
 */
final class MinioStarter {
  static final String IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";

  private MinioStarter() {}

  static S3TestServer startIfDockerAnswers() {
    try {
      return Docker.start();
    } catch (LinkageError e) {
      return null; // Testcontainers is not on this module's test classpath
    }
  }

  private static final class Docker {
    static S3TestServer start() {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return null;
      }
      @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM ends
      MinIOContainer minio = new MinIOContainer(IMAGE);
      minio.start();
      String bucket = "snaplog-test";
      S3TestServer server = new S3TestServer(S3TestServer.Kind.MINIO, minio.getS3URL(), minio.getUserName(),
          minio.getPassword(), bucket, "us-east-1");
      try (var client = server.newClient()) {
        client.createBucket(b -> b.bucket(bucket));
      }
      return server;
    }
  }
}
