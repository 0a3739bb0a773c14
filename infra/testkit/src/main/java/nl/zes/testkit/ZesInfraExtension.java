package nl.zes.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(ZesInfraExtension.class)}: the first test class that uses it starts a real PostgreSQL and
 * a real Kafka broker for the whole test JVM; each class then gets a fresh database and its own topic prefix,
 * as a {@link TestInfra} parameter of its test, lifecycle or constructor methods.
 */
public final class ZesInfraExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ZesInfraExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    infra(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestInfra.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return infra(context);
  }

  private static TestInfra infra(ExtensionContext context) {
    SharedServers servers = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedServers.class, k -> SharedServers.start(), SharedServers.class);
    Class<?> testClass = context.getRequiredTestClass();
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(testClass, k -> {
      int n = servers.nextClassNumber();
      String database = "t" + n + "_" + testClass.getSimpleName().toLowerCase().replaceAll("[^a-z0-9]", "");
      database = database.length() > 60 ? database.substring(0, 60) : database;
      servers.postgres().createDatabase(database);
      return new TestInfra(servers, database, "t" + n + "-" + ProcessHandle.current().pid() + ".");
    }, TestInfra.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }
}
