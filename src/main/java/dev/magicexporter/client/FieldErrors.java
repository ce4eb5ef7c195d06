package dev.magicexporter.client;

import dev.magicexporter.metrics.self.SelfMetrics;
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


  private final MeterRegistry registry;
  /** Shared by every poller's context. */
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  public FieldErrors(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The sink for one source's lists. */
  public LenientItems.DroppedFields of(String source) {
    return field -> {
      SelfMetrics.SOURCE_FIELD_ERRORS.counter(registry, source, field).increment();
      if (logged.add(source + '\u0000' + field)) {
        LOG.warn("source {}: a value of field '{}' could not be read and was left out (the rest of the object "
            + "is kept); further ones are only counted in {}{{source=\"{}\",field=\"{}\"}}", source, field,
            SelfMetrics.SOURCE_FIELD_ERRORS.name(), source, field);
      }
    };
  }
}
