package dev.snaplog.bench;

import java.util.function.Predicate;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every HTTP request an SDK client sends (each attempt) by S3 operation, with the bytes of request
 * bodies, into {@link Counters}. The same interceptor class sits in Snaplog's and Iceberg's clients, so both
 * are counted at the same place: what goes over the wire.
 */
final class S3RequestCounter implements ExecutionInterceptor {
  private final Counters counters;
  private final Predicate<String> isMetadataFile;

  /**
   * @param isMetadataFile which object paths are the system's metadata file, written once per commit attempt
   */
  S3RequestCounter(Counters counters, Predicate<String> isMetadataFile) {
    this.counters = counters;
    this.isMetadataFile = isMetadataFile;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counters.request(operation);
    long length = context.requestBody().flatMap(b -> b.optionalContentLength())
        .or(() -> context.httpRequest().firstMatchingHeader("Content-Length").map(Long::parseLong))
        .orElse(0L);
    counters.written(length);
    if (operation.equals("PutObject") && isMetadataFile.test(context.httpRequest().encodedPath())) {
      counters.metadataWrite();
    }
  }
}
