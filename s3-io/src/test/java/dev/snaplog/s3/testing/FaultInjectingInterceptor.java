package dev.snaplog.s3.testing;

import java.net.SocketException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Simulates a connection reset on chosen requests. {@link #loseNextResponse} lets the request reach the server
 * and be applied, then fails as if the response never came back; {@link #dropNextRequest} fails it before it
 * is sent. Either way the caller sees the same error, which is the point: it cannot tell which happened.
 */
public final class FaultInjectingInterceptor implements ExecutionInterceptor {
  private final AtomicReference<Predicate<SdkRequest>> loseResponse = new AtomicReference<>();
  private final AtomicReference<Predicate<SdkRequest>> dropRequest = new AtomicReference<>();

  /** The next matching request is applied by the server but its response is lost. */
  public void loseNextResponse(Predicate<SdkRequest> which) {
    loseResponse.set(which);
  }

  /** The next matching request fails before it is sent. */
  public void dropNextRequest(Predicate<SdkRequest> which) {
    dropRequest.set(which);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    fireIfArmed(dropRequest, context.request(), "before the request was sent");
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    fireIfArmed(loseResponse, context.request(), "after the server answered");
  }

  private static void fireIfArmed(AtomicReference<Predicate<SdkRequest>> armed, SdkRequest request, String when) {
    Predicate<SdkRequest> p = armed.get();
    if (p != null && p.test(request) && armed.compareAndSet(p, null)) {
      // the shape in which the SDK reports a real connection reset
      throw SdkClientException.builder().message("Unable to execute HTTP request: Connection reset (injected " + when
          + ")").cause(new SocketException("Connection reset (injected " + when + ")")).build();
    }
  }
}
