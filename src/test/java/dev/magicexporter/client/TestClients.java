package dev.magicexporter.client;

import dev.magicexporter.app.ClientStack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/** Client stacks composed as the daemon composes them ({@link ClientStack}), for tests. */
public final class TestClients {
  private TestClients() {}

  /** A stack with a budget of its own and metrics nobody reads. */
  public static ClientStack stack(Vertx vertx, ClientOptions options, Credential credential) {
    return ClientStack.compose(vertx, options, credential, RequestBudget.create(vertx, credential, options),
        new SimpleMeterRegistry());
  }

  public static ClientStack stack(Vertx vertx, ClientOptions options, Credential credential, RequestBudget budget,
      MeterRegistry registry) {
    return ClientStack.compose(vertx, options, credential, budget, registry);
  }
}
