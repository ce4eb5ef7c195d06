package dev.magicexporter.poll;

import dev.magicexporter.client.CloudflareApi;
import dev.magicexporter.state.CheckpointStore;
import dev.magicexporter.store.ConnectorDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/** Pollers on a fixed interval that start every connector at once, as tests want them. */
final class TestPollers {
  private TestPollers() {}

  /** An events poller on the interval of {@code settings}, one API for every account. */
  static EventsPoller events(CloudflareApi api, ConnectorDirectory directory, CheckpointStore store,
      EventsSettings settings, Clock clock, MeterRegistry registry) {
    return new EventsPoller(account -> api, directory, store, settings,
        ConnectorSchedule.fixed(settings.interval(), directory, registry), Pacer.NONE, clock, registry);
  }
}
