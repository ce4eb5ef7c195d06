package dev.magicexporter.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the fields dropped from list items ({@link LenientItems}) by source and field, and logs
 * each (source, field) pair once: the object is still exported without that field, so a log line
 * per cycle would only repeat itself. {@code field} is a path of the model's field names, so the
 * number of series is bounded by the model, never by the data.
 */
public final class FieldErrors {
  private static final Logger LOG = LoggerFactory.getLogger(FieldErrors.class);

  static final String NAME = "cloudflare_exporter_source_field_errors";
  static final String HELP = "Values of list items that could not be read and were left out, by source and "
      + "field; the rest of the object is still exported.";

  private final MeterRegistry registry;
  /** Shared by every poller's context. */
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  public FieldErrors(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The sink for one source's lists. */
  public LenientItems.DroppedFields of(String source) {
    return field -> {
      Counter.builder(NAME).description(HELP).tags("source", source, "field", field).register(registry).increment();
      if (logged.add(source + '\u0000' + field)) {
        LOG.warn("source {}: a value of field '{}' could not be read and was left out (the rest of the object "
            + "is kept); further ones are only counted in {}{{source=\"{}\",field=\"{}\"}}", source, field,
            NAME + "_total", source, field);
      }
    };
  }
}
