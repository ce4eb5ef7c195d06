package dev.magicexporter.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.magicexporter.metrics.family.FamilyCollector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The daemon's one metrics registry. Micrometer meters are for the daemon's own metrics
 * ({@code cloudflare_exporter_*} and JVM); object series (connectors, tunnels, ...) come from
 * {@link MultiCollector}s registered with {@link #register(MultiCollector)} that read the store at
 * scrape time, so a scrape never does I/O and no meter exists per object series. Large object
 * tables (connector snapshots: hundreds of series per connector) are {@link FamilyCollector}s
 * registered with {@link #register(FamilyCollector)}, which the endpoint writes straight to the
 * response without client_java snapshot objects.
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry;
  private final List<FamilyCollector<?>> families = new CopyOnWriteArrayList<>();

  public Metrics() {
    this(true);
  }

  public Metrics(boolean jvm) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (jvm) {
      // Two of ProcessorMetrics' names break Prometheus conventions (promtool: "abbreviated
      // units", "_count suffix"); they are replaced by conventional ones below.
      registry.config().meterFilter(MeterFilter.deny(id -> RENAMED_JVM_METERS.contains(id.getName())));
      FunctionCounter.builder("process.cpu", ManagementFactory.getOperatingSystemMXBean(), Metrics::processCpuSeconds)
          .baseUnit("seconds").description("CPU time used by the JVM process.").register(registry);
      Gauge.builder("jvm.available.processors", Runtime.getRuntime(), Runtime::availableProcessors)
          .description("Processors available to the JVM (the container's CPU limit, rounded up).").register(registry);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmGcMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
    }
  }

  /** ProcessorMetrics' meters whose Prometheus names break conventions, replaced in the constructor. */
  static final java.util.Set<String> RENAMED_JVM_METERS = java.util.Set.of("process.cpu.time", "system.cpu.count");

  private static double processCpuSeconds(java.lang.management.OperatingSystemMXBean os) {
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
  }

  /** For Micrometer meters (self-metrics). */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The client_java registry behind Micrometer, where collectors are registered. */
  public PrometheusRegistry prometheusRegistry() {
    return registry.getPrometheusRegistry();
  }

  public void register(MultiCollector collector) {
    prometheusRegistry().register(collector);
  }

  /**
   * Adds a family table to every scrape, after the registry's metrics. A family name that another
   * registered table already exposes is refused: two groups of one name are invalid exposition.
   */
  public synchronized void register(FamilyCollector<?> collector) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    for (FamilyCollector<?> c : families) {
      c.table().families().forEach(f -> taken.add(f.name()));
    }
    for (var f : collector.table().families()) {
      if (taken.contains(f.name())) {
        throw new IllegalArgumentException("metric family " + f.name() + " of table '" + collector.table().title()
            + "' is already registered");
      }
    }
    families.add(collector);
  }

  /** The family collectors, in registration order. */
  public List<FamilyCollector<?>> familyCollectors() {
    return List.copyOf(families);
  }
}
