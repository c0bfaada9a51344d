package dev.snaplog.s3.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the HTTP requests the SDK sends (each retry attempt counts), with their operation names, e.g. to
 * check a commit's request budget. Thread-safe. Pass it to {@link S3TestServer#openStorage(String,
 * java.util.Map, List)}.
 */
public final class CountingInterceptor implements ExecutionInterceptor {
  private final List<String> requests = new ArrayList<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    String path = context.httpRequest().encodedPath();
    synchronized (requests) {
      requests.add(op + " " + context.httpRequest().method() + " " + path);
    }
  }

  /** Requests sent so far. */
  public int count() {
    synchronized (requests) {
      return requests.size();
    }
  }

  /** Requests sent so far of one operation, e.g. {@code "PutObject"}. */
  public int count(String operation) {
    synchronized (requests) {
      return (int) requests.stream().filter(r -> r.startsWith(operation + " ")).count();
    }
  }

  /** "Operation METHOD /path" per request, in order. */
  public List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public void reset() {
    synchronized (requests) {
      requests.clear();
    }
  }
}
