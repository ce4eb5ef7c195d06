package dev.magicexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magicexporter.metrics.family.Family;
import dev.magicexporter.metrics.family.FamilyTable;
import dev.magicexporter.metrics.self.SelfMetric;
import dev.magicexporter.metrics.self.SelfMetricTable;
import dev.magicexporter.metrics.self.SelfMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilyCatalogTest {
  /**
   * The committed reference must equal the generated one. Run with
   * {@code -Dmetrics.docs.update=true} (or {@code FamilyCatalog.main}) to rewrite it.
   */
  @Test
  void docsMatchTheFamilyTables() throws Exception {
    Path docs = FamilyCatalog.DOCS;
    String generated = FamilyCatalog.reference();
    if (Boolean.getBoolean("metrics.docs.update")) {
      Files.createDirectories(docs.getParent());
      Files.writeString(docs, generated, StandardCharsets.UTF_8);
    }
    assertThat(docs).as("docs/metrics.md exists (regenerate: %s)", FamilyCatalog.REGENERATE).exists();
    assertThat(Files.readString(docs, StandardCharsets.UTF_8))
        .as("docs/metrics.md is out of date; regenerate with %s or -Dmetrics.docs.update=true",
            FamilyCatalog.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void familyNamesAreUniqueAcrossTheProduct() {
    Set<String> seen = new HashSet<>();
    for (FamilyTable<?> t : FamilyCatalog.tables()) {
      for (Family<?> f : t.families()) {
        assertThat(seen.add(f.name())).as("family %s defined twice", f.name()).isTrue();
        assertThat(f.name()).startsWith("cloudflare_");
      }
    }
    for (SelfMetricTable t : SelfMetrics.TABLES) {
      for (SelfMetric m : t.metrics()) {
        for (String name : m.exposedNames()) {
          assertThat(seen.add(name)).as("family %s defined twice", name).isTrue();
        }
      }
    }
  }
}
