package dev.snaplog.s3.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared {@link S3TestServer} into test constructors, lifecycle methods and tests:
 * {@code @ExtendWith(S3TestServerExtension.class)} then a parameter {@code S3TestServer s3}.
 */
public final class S3TestServerExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3TestServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return S3TestServer.shared();
  }
}
