package dev.magicexporter.metrics;

import dev.magicexporter.metrics.analytics.AnalyticsFamilies;
import dev.magicexporter.metrics.connector.ConnectorFamilies;
import dev.magicexporter.metrics.connector.SnapshotFamilies;
import dev.magicexporter.metrics.connector.SnapshotHealthFamilies;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.family.MetricsReference;
import dev.magicexporter.metrics.magic.MagicCollectors;
import dev.magicexporter.metrics.self.SelfMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every metric family table of the product, in the order of the metrics reference, followed by
 * the daemon's own metrics ({@link SelfMetrics}). Add a table here when you add one, then
 * regenerate {@code docs/metrics.md}:
 * {@code ./mvnw -q -o compile exec:java -Dexec.mainClass=dev.magicexporter.metrics.FamilyCatalog}
 * (or run {@code FamilyCatalogTest} with {@code -Dmetrics.docs.update=true}).
 */
public final class FamilyCatalog {
  /** Where the generated reference lives, relative to the repository root. */
  public static final Path DOCS = Path.of("docs", "metrics.md");

  /** How to regenerate, as printed at the top of the reference. */
  public static final String REGENERATE =
      "`./mvnw -q -o compile exec:java -Dexec.mainClass=dev.magicexporter.metrics.FamilyCatalog`.";

  private FamilyCatalog() {}

  /** All tables, in reference order. */
  public static List<FamilyTable<?>> tables() {
    List<FamilyTable<?>> all = new ArrayList<>();
    all.add(ConnectorFamilies.TABLE);
    all.add(SnapshotFamilies.table(true));
    all.add(SnapshotHealthFamilies.TABLE);
    all.add(ConnectorEventsFamilies.REFERENCE);
    all.addAll(MagicCollectors.TABLES);
    all.addAll(AnalyticsFamilies.TABLES);
    return List.copyOf(all);
  }

  /** The reference as generated from {@link #tables()}. */
  public static String reference() {
    return MetricsReference.markdown(tables(), SelfMetrics.TABLES, REGENERATE);
  }

  /** Writes the reference to {@code args[0]}, default {@code docs/metrics.md}. */
  public static void main(String[] args) throws IOException {
    Path target = args.length > 0 ? Path.of(args[0]) : DOCS;
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Files.writeString(target, reference(), StandardCharsets.UTF_8);
    System.out.println("wrote " + target.toAbsolutePath());
  }
}
