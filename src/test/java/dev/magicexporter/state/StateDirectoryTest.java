package dev.magicexporter.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
  @TempDir Path dir;

  @Test
  void prepareCreatesAndProvesAWritableDirectoryAndExplainsWhatIsWrongOtherwise() throws Exception {
    assertThat(StateDirectory.prepare(dir.resolve("new/nested"))).isEmpty();
    assertThat(Files.isDirectory(dir.resolve("new/nested").resolve(StateDirectory.CONNECTORS))).isTrue();
    Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
    assertThat(StateDirectory.prepare(aFile.resolve("state")))
        .hasValueSatisfying(m -> assertThat(m).contains(aFile.resolve("state").toString()).contains("cannot be created"));
    assertThat(StateDirectory.prepare(aFile)).hasValueSatisfying(m -> assertThat(m).contains("state directory"));
    assertThat(StateDirectory.prepare(null)).hasValue("state directory is not set");
  }

  @Test
  void checkChangesNothingAndLooksAtTheNearestExistingParent() throws Exception {
    Path state = dir.resolve("a/b/state");
    assertThat(StateDirectory.check(state)).isEmpty();
    assertThat(dir.resolve("a")).doesNotExist();
    Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
    assertThat(StateDirectory.check(aFile.resolve("state"))).hasValueSatisfying(m -> assertThat(m).contains("not a directory"));
    Files.createDirectories(dir.resolve("s").resolve(StateDirectory.CONNECTORS));
    assertThat(StateDirectory.check(dir.resolve("s"))).isEmpty();
    assertThat(StateDirectory.check(null)).hasValue("state directory is not set");
  }
}
