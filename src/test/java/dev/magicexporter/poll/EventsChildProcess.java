package dev.magicexporter.poll;

import dev.magicexporter.client.ClientOptions;
import dev.magicexporter.client.TestClients;
import dev.magicexporter.client.Credential;
import dev.magicexporter.metrics.Metrics;
import dev.magicexporter.sim.SimOptions;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.state.StateDirectory;
import dev.magicexporter.state.TestStores;
import dev.magicexporter.store.ConnectorDirectory;
import dev.magicexporter.store.ConnectorRef;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A test-only daemon for {@link EventsKillNineTest}: the events poller and its checkpoint store on
 * the real {@link PollScheduler}, polling a simulator every second until the process is killed.
 * (The integrator's Main does not wire the events poller yet; this is the same wiring.)
 *
 * <p>Arguments: base URL, state directory, account id, look-back seconds, page limit, connector ids.
 */
public final class EventsChildProcess {
  private EventsChildProcess() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    Path stateDir = Path.of(args[1]);
    String account = args[2];
    Duration lookback = Duration.ofSeconds(Long.parseLong(args[3]));
    int pageLimit = Integer.parseInt(args[4]);
    Set<ConnectorRef> refs = new TreeSet<>();
    Arrays.stream(args, 5, args.length).forEach(id -> refs.add(new ConnectorRef(account, id)));

    Optional<String> problem = StateDirectory.prepare(stateDir);
    if (problem.isPresent()) {
      System.err.println(problem.get());
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    Metrics metrics = new Metrics(false);
    ConnectorDirectory directory = new ConnectorDirectory();
    directory.replace(Set.of(account), refs);
    Clock clock = Clock.systemUTC();
    CheckpointStore store = TestStores.open(vertx, stateDir, clock, Duration.ofHours(1), Duration.ofSeconds(1),
        directory, metrics.registry());
    dev.magicexporter.client.CloudflareApi api = TestClients.stack(vertx,
        ClientOptions.defaults(baseUrl).withRetries(2, Duration.ofMillis(20), Duration.ofMillis(100)),
        Credential.token(SimOptions.DEFAULT_TOKEN)).api();
    EventsPoller poller = TestPollers.events(api, directory, store,
        EventsSettings.of(Duration.ofSeconds(1), lookback).withPageLimit(pageLimit).withConcurrency(2),
        clock, metrics.registry());
    PollScheduler scheduler = new PollScheduler(vertx, metrics);
    scheduler.add(poller);
    scheduler.start();
    System.out.println("events child started for " + refs.size() + " connectors");
  }
}
