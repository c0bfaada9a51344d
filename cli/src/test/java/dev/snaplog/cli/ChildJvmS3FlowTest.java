package dev.snaplog.cli;

import dev.snaplog.s3.testing.S3TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** The flow in a child JVM against the S3 test server (s3-io's harness). */
class ChildJvmS3FlowTest extends CliFlowContract {
  private S3TestServer s3;
  private String warehouse;

  @BeforeEach
  void server() {
    s3 = S3TestServer.shared();
    warehouse = s3.newWarehouse("cli");
  }

  @Override
  CliRunner runner() {
    return CliRunner.childJvm();
  }

  @Override
  Map<String, String> env() {
    return S3Flow.env(warehouse);
  }

  @Override
  List<String> globalArgs() {
    return S3Flow.globalArgs(s3);
  }
}
